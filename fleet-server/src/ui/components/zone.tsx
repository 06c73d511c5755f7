/** "Times in the town's zone (CET)", shown next to a chart or table of times when the reading is ambiguous. */
import { useI18n } from '../i18n.js';

export function ZoneNote({ at }: { at?: string | number }) {
  const i = useI18n();
  const t = at === undefined ? Date.now() : typeof at === 'number' ? at : Date.parse(at);
  if (!i.tz || !i.ambiguous(t)) return null;
  return <small class="muted zone-note" data-testid="zone-note">({i.t('timesIn', { z: i.zone(t) })})</small>;
}
