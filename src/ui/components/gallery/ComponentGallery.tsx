// Every design-system component on one screen, with neutral example content, so the browser
// tests can run axe and the touch-target check over each of them (as govuk-frontend runs axe
// over every example). Not linked from the navigation; loaded only when visited.
import { useState } from 'react';
import {
  ActionBar,
  Button,
  ButtonGroup,
  Checkboxes,
  DateInput,
  EMPTY_DATE,
  ErrorSummary,
  InsetText,
  NotificationBanner,
  PhoneLink,
  Radios,
  Select,
  SummaryList,
  Tag,
  TaskList,
  TextInput,
  Textarea,
  WarningText,
  type DateParts,
  type FormError,
} from '../index';

export default function ComponentGallery() {
  const [name, setName] = useState('');
  const [notes, setNotes] = useState('');
  const [answer, setAnswer] = useState<string | null>(null);
  const [concerns, setConcerns] = useState<string[]>([]);
  const [date, setDate] = useState<DateParts>(EMPTY_DATE);
  const [stage, setStage] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);

  const errorFor = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.text;

  const check = () => {
    const found: FormError[] = [];
    if (name.trim() === '') found.push({ fieldId: 'example-name', text: 'Enter your full name' });
    if (answer === null) found.push({ fieldId: 'example-answer', text: 'Select yes if an adult was involved' });
    if (date.day === '' || date.month === '' || date.year === '')
      found.push({ fieldId: 'example-date', text: 'Enter the date you were told, for example 27 3 2025' });
    setErrors(found);
    setAttempts((n) => n + 1);
  };

  return (
    <div className="app-page">
      <h1 className="app-heading-xl">Components</h1>
      <p className="app-body-l">Every part of the YPSI Response design system, with example content.</p>

      <ErrorSummary errors={errors} focusKey={attempts} />

      <h2 className="app-heading-l">Notification banners</h2>
      <NotificationBanner heading="You have 2 reviews due today.">
        <p className="app-body">Open a case to see what is due.</p>
      </NotificationBanner>
      <NotificationBanner variant="success" heading="The disclosure has been saved." />
      <NotificationBanner variant="urgent" heading="Refer to MASH now.">
        <p className="app-body">A child may be at immediate risk of harm.</p>
      </NotificationBanner>

      <h2 className="app-heading-l">Warning text</h2>
      <WarningText>Do not view, copy or forward the imagery.</WarningText>

      <h2 className="app-heading-l">Phone numbers</h2>
      <div className="app-phone-links">
        <PhoneLink label="Call MASH" number="0300 123 4567" />
        <PhoneLink label="Call the police (not an emergency)" number="101" />
        <PhoneLink label="Call 999 in an emergency" number="999" urgent />
      </div>

      <h2 className="app-heading-l">Tags</h2>
      <p className="app-body app-tag-row">
        <Tag>Not started</Tag> <Tag colour="blue">In progress</Tag> <Tag colour="green">Completed</Tag>{' '}
        <Tag colour="red">Overdue</Tag>
      </p>

      <h2 className="app-heading-l">Task list</h2>
      <TaskList
        items={[
          { id: 'disclosure', title: 'Disclosure', href: '/design-system#disclosure', status: 'completed' },
          {
            id: 'review',
            title: 'Initial review',
            href: '/design-system#review',
            hint: 'With the Headteacher',
            status: 'in-progress',
          },
          { id: 'referral', title: 'Referrals', href: '/design-system#referral', status: 'act-now' },
          {
            id: 'parents',
            title: 'Parents and carers',
            href: '/design-system#parents',
            status: 'overdue',
            statusText: 'Overdue by 2 days',
          },
          { id: 'risk', title: 'Risk assessment', href: '/design-system#risk', status: 'not-started' },
          { id: 'close', title: 'Close', status: 'cannot-start' },
        ]}
      />

      <h2 className="app-heading-l">Summary list</h2>
      <SummaryList
        rows={[
          {
            key: 'Date you were told',
            value: '27 March 2025',
            change: { href: '/design-system#date', visuallyHiddenText: 'date you were told' },
          },
          {
            key: 'Who told you',
            value: 'A pupil',
            change: { href: '/design-system#who', visuallyHiddenText: 'who told you' },
          },
          { key: 'Reference', value: 'YP-2025-014' },
        ]}
      />

      <InsetText>
        <p className="app-body">“Ensure the child is safe and take any immediate action needed.”</p>
      </InsetText>

      <h2 className="app-heading-l">Form controls</h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          check();
        }}
      >
        <TextInput
          id="example-name"
          label="Your full name"
          hint="As it should appear on the record"
          value={name}
          onChange={setName}
          error={errorFor('example-name')}
          autoComplete="name"
        />
        <Radios
          id="example-answer"
          legend="Was an adult involved?"
          hint="Select one option"
          inline
          items={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
          value={answer}
          onChange={setAnswer}
          error={errorFor('example-answer')}
        />
        <Checkboxes
          id="example-concerns"
          legend="What concerns you?"
          hint="Select all that apply"
          items={[
            { value: 'coercion', label: 'Coercion or blackmail', hint: 'Someone was made to share the imagery' },
            { value: 'age', label: 'A child under 13' },
            {
              value: 'other',
              label: 'Something else',
              conditional: <p className="app-body">You can say more in your notes.</p>,
            },
          ]}
          values={concerns}
          onChange={setConcerns}
        />
        <DateInput
          id="example-date"
          legend="When were you told?"
          hint="For example, 27 3 2025"
          value={date}
          onChange={setDate}
          error={errorFor('example-date')}
        />
        <Select
          id="example-stage"
          label="Stage"
          options={[
            { value: '', label: 'Choose a stage' },
            { value: 'disclosure', label: 'Disclosure' },
            { value: 'review', label: 'Initial review' },
          ]}
          value={stage}
          onChange={setStage}
        />
        <Textarea
          id="example-notes"
          label="What were you told?"
          hint="Use the words the child used"
          value={notes}
          onChange={setNotes}
        />
        <ButtonGroup>
          <Button type="submit">Check the form</Button>
          <Button variant="secondary">Save and come back later</Button>
          <Button variant="warning">Delete this draft</Button>
        </ButtonGroup>
      </form>

      <ActionBar>
        <Button>Continue</Button>
        <Button variant="secondary">Save draft</Button>
      </ActionBar>
    </div>
  );
}
