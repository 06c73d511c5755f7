/**
 * Keeps what devices hold of a plan's calendar sets current (issue 16). A version of a plan that references
 * sets carries the expansion made when it was created (plans/calendar.ts expandForDevice). A new version,
 * same programs and rules, is published — and pushed by PlanService.apply — when:
 *  - its window ends within REFRESH_BEFORE_DAYS nights (checked by `refreshDue`, hourly from the app and at
 *    start), so a device never runs past its dated rules;
 *  - the town's calendar data change (school holiday import, Alsace-Moselle setting): `refreshUsing`.
 */
import type { CalendarRepository } from '../db/calendar-repository.js';
import type { PlansRepository } from '../db/plans-repository.js';
import type { StoredPlan } from '../devices/plan.js';
import { addDays, expandForDevice, needsRefresh, type CalendarData } from './calendar.js';
import type { PlanService } from './service.js';

const DAY_MS = 86_400_000;

export class CalendarService {
  constructor(
    readonly store: CalendarRepository,
    private readonly plans: PlansRepository,
    private readonly planService: () => PlanService,
    private readonly now: () => number,
  ) {}

  /**
   * The first night a new version covers: yesterday's evening by the server's clock (UTC date), so the
   * night in progress anywhere in France is included.
   */
  firstNight(): string {
    return addDays(new Date(this.now()).toISOString().slice(0, 10), -1);
  }

  /** A stored body with its device expansion (none when it references no set). Throws CalendarTooLargeError. */
  withExpansion(body: StoredPlan, data: CalendarData): StoredPlan {
    const { calendar: _old, ...rest } = body;
    const expansion = expandForDevice(rest, data, this.firstNight());
    return expansion ? { ...rest, calendar: expansion } : rest;
  }

  async expand(tenant: string, body: StoredPlan): Promise<StoredPlan> {
    if (!body.rules.some((r) => r.sets?.length)) return body;
    return this.withExpansion(body, await this.store.data(tenant));
  }

  /** New versions for the plans whose latest version references sets and (`all`) any or (else) a due window. */
  private async republish(tenant: string, all: boolean): Promise<number[]> {
    const metas = await this.plans.listPlanMeta(tenant);
    const today = addDays(new Date(this.now()).toISOString().slice(0, 10), 0);
    const data = await this.store.data(tenant);
    const out: number[] = [];
    for (const m of metas) {
      const v = await this.plans.getVersion(tenant, m.planId);
      const body = v?.body as unknown as StoredPlan | undefined;
      if (!body || !body.rules.some((r) => r.sets?.length)) continue;
      if (!all && !needsRefresh(body, today)) continue;
      const next = this.withExpansion(body, data);
      if (all && JSON.stringify(next.calendar?.rules) === JSON.stringify(body.calendar?.rules)) continue;
      await this.plans.addVersion(tenant, m.planId, next as unknown as Record<string, unknown>, this.now());
      out.push(m.planId);
    }
    if (out.length) await this.planService().apply(tenant);
    return out;
  }

  /** Plans whose window runs out soon get a new version (the devices get it). Returns the plan ids. */
  refreshDue(tenant: string): Promise<number[]> {
    return this.republish(tenant, false);
  }

  /** After the town's calendar data changed: plans whose expansion differs get a new version. */
  refreshUsing(tenant: string): Promise<number[]> {
    return this.republish(tenant, true);
  }
}

export const CALENDAR_REFRESH_MS = DAY_MS / 24;
