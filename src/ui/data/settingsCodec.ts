// The establishment's settings between storage's shape (src/storage/schemas.ts) and the screens'
// (settings.tsx): both ways, with the template's defaults where a stored field is absent.
import type { PublicSettings as StoredSettings } from '../../storage';
import { DEFAULT_SETTINGS, type PublicSettings } from './settings';

export function fromStored(s: StoredSettings): PublicSettings {
  return {
    establishmentName: s.establishment.name,
    establishmentType: s.establishment.type === 'other' ? 'setting' : s.establishment.type,
    dsl: s.dsl,
    deputies: s.deputies,
    headteacher: { name: s.headteacher?.name ?? DEFAULT_SETTINGS.headteacher.name, phone: s.headteacher?.phone ?? '' },
    chairOfGovernors: {
      name: s.chairOfGovernors?.name ?? DEFAULT_SETTINGS.chairOfGovernors.name,
      phone: s.chairOfGovernors?.phone ?? '',
    },
    mashName: s.mash.name,
    mashPhone: s.mash.phone,
    ladoName: s.lado?.name ?? DEFAULT_SETTINGS.ladoName,
    ladoPhone: s.lado?.phone ?? '',
    policeNonEmergency: s.police.nonEmergency,
    policeEmergency: s.police.emergency,
    riskTools: s.riskTools?.length ? s.riskTools : DEFAULT_SETTINGS.riskTools,
    idleMinutes: s.idleMinutes ?? DEFAULT_SETTINGS.idleMinutes,
    schoolCalendar: s.schoolCalendar ?? DEFAULT_SETTINGS.schoolCalendar,
    reminders: s.reminders ?? DEFAULT_SETTINGS.reminders,
    retentionYears: s.retentionYears ?? DEFAULT_SETTINGS.retentionYears,
  };
}

const nonEmpty = (name: string, fallback: string) => (name.trim() ? name.trim() : fallback);

export function toStored(s: PublicSettings): StoredSettings {
  return {
    establishment: {
      name: nonEmpty(s.establishmentName, 'Our school'),
      type: s.establishmentType === 'setting' ? 'other' : s.establishmentType,
    },
    dsl: { name: nonEmpty(s.dsl.name, 'DSL'), phone: s.dsl.phone.trim() },
    deputies: s.deputies.map((d) => ({ name: nonEmpty(d.name, 'Deputy DSL'), phone: d.phone.trim() })),
    headteacher: {
      name: nonEmpty(s.headteacher.name, 'Headteacher'),
      ...(s.headteacher.phone.trim() && { phone: s.headteacher.phone.trim() }),
    },
    chairOfGovernors: {
      name: nonEmpty(s.chairOfGovernors.name, 'Chair of governors'),
      ...(s.chairOfGovernors.phone.trim() && { phone: s.chairOfGovernors.phone.trim() }),
    },
    mash: { name: nonEmpty(s.mashName, 'MASH'), phone: s.mashPhone.trim() },
    lado: { name: nonEmpty(s.ladoName, 'LADO'), phone: s.ladoPhone.trim() },
    police: { emergency: s.policeEmergency.trim() || '999', nonEmergency: s.policeNonEmergency.trim() || '101' },
    riskTools: s.riskTools.filter((t) => t.trim()).slice(0, 20),
    idleMinutes: s.idleMinutes,
    schoolCalendar: s.schoolCalendar,
    reminders: s.reminders,
    ...(s.retentionYears !== DEFAULT_SETTINGS.retentionYears && { retentionYears: s.retentionYears }),
  };
}
