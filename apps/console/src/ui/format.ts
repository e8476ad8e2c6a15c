/** Integer yen as 500,000円 / ¥500,000. */
export function yen(amount: number | null | undefined, language: string): string {
  if (amount === null || amount === undefined) return '—';
  const digits = amount.toLocaleString('ja-JP');
  return language === 'en' ? `¥${digits}` : `${digits}円`;
}

/** An ISO instant shown in Japan time, to the minute. */
export function instant(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Tokyo' }).slice(0, 16);
}

/** Today's business date in Japan (YYYY-MM-DD). */
export function todayInJapan(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
}

/** `2025-06-30T09:00` typed in a datetime-local picker, read as Japan time, as the ISO instant the API wants. */
export function japanLocalToInstant(local: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds}+09:00`;
}

/** The reverse, for the picker's initial value: an instant as Japan local time `YYYY-MM-DDTHH:mm`. */
export function instantToJapanLocal(date: Date): string {
  return date.toLocaleString('sv-SE', { timeZone: 'Asia/Tokyo' }).slice(0, 16).replace(' ', 'T');
}
