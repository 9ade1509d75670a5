import { describe, expect, it } from 'vitest';
import { assess } from './assess';
import { E1, E2, E3, E4, E5, E6 } from '../../../test/builders/facts';

const routeIds = (a: ReturnType<typeof assess>) => a.routes.routes.map((r) => `${r.route}:${r.strength}`);
const rulesOf = (a: ReturnType<typeof assess>, route: string) =>
  a.routes.routes.find((r) => r.route === route)?.reasons.map((x) => x.rule) ?? [];

describe('the worked examples (EXAMPLES.md)', () => {
  it('E1: a Year 11 couple is experimental and the school may manage it after a risk assessment', () => {
    const a = assess(E1());
    expect(a.proposed.typology).toBe('experimental');
    expect(a.routes.immediateReferral).toBe('no');
    expect(routeIds(a)).toEqual(['risk-assessment:recommended', 'school-manage:option']);
    expect(rulesOf(a, 'school-manage')).toEqual(expect.arrayContaining(['R17', 'R7.3', 'R14.3']));
  });

  it('E2: an unknown-age gaming contact may be an adult, so the school may not manage it: refer to the MASH now', () => {
    const a = assess(E2());
    expect(a.routes.schoolMayManage).toBe(false);
    expect(a.routes.routes.some((r) => r.route === 'school-manage')).toBe(false);
    const mash = a.routes.routes.find((r) => r.route === 'mash-referral');
    expect(mash?.strength).toBe('act-now');
    expect(mash?.reasons.some((r) => r.rule === 'R10.2')).toBe(true);
    expect(mash?.reasons.some((r) => r.rule === 'R6.2' && r.unknown && /may be an adult/.test(r.text))).toBe(true);
    expect(mash?.reasons.some((r) => r.rule === 'R17.police')).toBe(true);
  });

  it('E2 with pressure confirmed: refer to the MASH now (R6.4 on its own)', () => {
    const a = assess({ ...E2(), coercionOrGrooming: 'yes' });
    expect(a.routes.routes[0]).toMatchObject({ route: 'mash-referral', strength: 'act-now' });
  });

  it('E3: AirDrop after an argument is aggravated; the risk tool is applied now', () => {
    const a = assess(E3());
    expect(a.proposed.typology).toBe('aggravated');
    expect(a.routes.routes.find((r) => r.route === 'risk-assessment')?.strength).toBe('act-now');
    expect(a.routes.schoolMayManage).toBe(false);
  });

  it('E3 at high risk: immediate MASH referral (R6.3)', () => {
    const a = assess(E3('high'));
    expect(a.routes.immediateReferral).toBe('yes');
    expect(rulesOf(a, 'mash-referral')).toContain('R6.3');
  });

  it('E3 at medium risk: both readings are shown and liaising with the MASH is recommended (R17 conflict)', () => {
    const a = assess(E3('medium'));
    expect(a.routes.routes.find((r) => r.route === 'mash-advice')?.reasons.map((r) => r.reading)).toContain(
      'R17.conflict',
    );
    expect(a.routes.routes.some((r) => r.route === 'school-manage')).toBe(true);
  });

  it('E4: a Year 6 child: at least liaise with the MASH; refer if the imagery involves sexual acts', () => {
    const unknown = assess(E4('unknown'), { confirmedTypology: 'experimental' });
    expect(unknown.routes.routes.find((r) => r.route === 'mash-advice')).toBeDefined();
    expect(unknown.routes.schoolMayManage).toBe(false);
    const acts = assess(E4('yes'), { confirmedTypology: 'experimental' });
    expect(acts.routes.routes[0]).toMatchObject({ route: 'mash-referral', strength: 'act-now' });
    const none = assess(E4('no'), { confirmedTypology: 'experimental' });
    expect(none.routes.routes.find((r) => r.route === 'mash-advice')?.reasons.some((r) => r.rule === 'R3.1')).toBe(
      true,
    );
  });

  it('E5: immediate risk of harm means refer now, whatever the typology (R6.6, R4.5)', () => {
    for (const t of ['experimental', 'aggravated'] as const) {
      const a = assess(E5(), { confirmedTypology: t });
      expect(a.routes.routes[0]).toMatchObject({ route: 'mash-referral', strength: 'act-now' });
      expect(rulesOf(a, 'mash-referral')).toEqual(expect.arrayContaining(['R6.6', 'R4.5']));
    }
  });

  it('E6: a teaching assistant: MASH now, police, and the LADO; the chair of governors if it is the Headteacher', () => {
    const a = assess(E6());
    const ids = a.routes.routes.map((r) => r.route);
    expect(ids).toEqual(expect.arrayContaining(['mash-referral', 'police', 'lado']));
    expect(a.routes.routes.find((r) => r.route === 'lado')?.lead).toBe('lado');
    expect(assess(E6(true)).routes.routes.find((r) => r.route === 'lado')?.lead).toBe('chair-of-governors');
  });
});
