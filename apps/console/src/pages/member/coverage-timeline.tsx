import type { Person } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { todayInJapan } from '../../ui/format';

const DAY = 86_400_000;
const time = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The span every bar is drawn against: from the earliest start to a year past today or the latest end. */
export function timelineSpan(persons: Person[], today = todayInJapan()): { start: number; end: number } {
  const starts = persons.flatMap((p) => [...p.coverage.map((c) => c.from), ...p.documents.map((d) => d.validFrom)]);
  const ends = persons.flatMap((p) => [
    ...p.coverage.map((c) => c.until ?? today),
    ...p.documents.map((d) => d.validUntil),
  ]);
  const start = Math.min(time(today), ...starts.map(time));
  const end = Math.max(time(today) + 365 * DAY, ...ends.map(time));
  return { start, end };
}

/** Left offset and width in percent of the span. */
export function bar(span: { start: number; end: number }, from: string, until: string | null, today: string) {
  const length = span.end - span.start || 1;
  const a = time(from);
  const b = until ? time(until) : Math.max(time(today), a + DAY);
  return { left: ((a - span.start) / length) * 100, width: Math.max(0.5, ((b - a) / length) * 100) };
}

/**
 * Each person's covered periods, 資格確認書 validity and card linkage on one time axis, with the same facts as
 * text beside it (the bars are decoration for sighted readers; the text is what a screen reader reads).
 */
export function CoverageTimeline({ persons }: { persons: (Person & { title: string })[] }) {
  const { t, label } = useI18n();
  const today = todayInJapan();
  const span = timelineSpan(persons, today);
  const todayAt = bar(span, today, today, today).left;
  const year = (ms: number) => new Date(ms).getUTCFullYear();
  return (
    <div className="timeline">
      <div className="timeline-axis" aria-hidden="true">
        <span>{year(span.start)}</span>
        <span>{t('member.today')}</span>
        <span>{year(span.end)}</span>
      </div>
      {persons.map((person) => (
        <div className="timeline-person" key={person.personId}>
          <h4>{person.title}</h4>
          <div className="timeline-track" aria-hidden="true">
            <span className="timeline-today" style={{ left: `${todayAt}%` }} />
            {person.coverage.map((c) => {
              const at = bar(span, c.from, c.until, today);
              return (
                <span
                  key={`c-${c.from}`}
                  className="timeline-bar covered"
                  style={{ left: `${at.left}%`, width: `${at.width}%` }}
                />
              );
            })}
            {person.documents.map((d) => {
              const at = bar(span, d.validFrom, d.validUntil, today);
              return (
                <span
                  key={`d-${d.issuedOn}-${d.validFrom}`}
                  className="timeline-bar document"
                  style={{ left: `${at.left}%`, width: `${at.width}%` }}
                />
              );
            })}
          </div>
          <ul className="timeline-facts">
            {person.coverage.map((c) => (
              <li key={`cf-${c.from}`}>
                {t('member.coveredPeriod', { from: c.from, until: c.until ?? t('member.ongoing') })}
              </li>
            ))}
            {person.documents.map((d) => (
              <li key={`df-${d.issuedOn}-${d.validFrom}`}>
                {t('member.document', {
                  from: d.validFrom,
                  until: d.validUntil,
                  reason: label('documentReason', d.reason),
                })}
                {d.returnRequested && ` ${t('member.documentReturn', { date: d.returnRequested.lossDate })}`}
              </li>
            ))}
            <li>
              {person.card.linkedOn
                ? t('member.cardLinked', { date: person.card.linkedOn })
                : t('member.cardNotLinked')}
              {person.card.cancellation &&
                ` ${t('member.cardCancellation', { date: person.card.cancellation.effectiveOn })}`}
              {person.card.certificate &&
                ` ${t('member.certificateExpiry', { date: person.card.certificate.expiresOn, until: person.card.certificate.usableUntil })}`}
            </li>
          </ul>
        </div>
      ))}
      <p className="timeline-legend" aria-hidden="true">
        <span className="swatch covered" /> {t('member.legendCovered')} <span className="swatch document" />{' '}
        {t('member.legendDocument')}
      </p>
    </div>
  );
}
