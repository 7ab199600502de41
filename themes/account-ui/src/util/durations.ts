/** Durations as the API writes them (ISO-8601, e.g. PT2H) and as people read them (e.g. "2 hr 30 min"). */

const ISO_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Seconds of an ISO-8601 duration such as PT2H or P1DT30M; undefined when it is not one. */
export function parseIsoDuration(iso: string | null | undefined): number | undefined {
  const match = iso ? ISO_DURATION.exec(iso.trim().toUpperCase()) : null;
  if (!match || iso!.trim().toUpperCase() === "P" || /T$/.test(iso!.trim())) return undefined;
  const [, days, hours, minutes, seconds] = match;
  return (
    Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3_600 + Number(minutes ?? 0) * 60 + Math.floor(Number(seconds ?? 0))
  );
}

/** The ISO-8601 form of whole seconds, as Java's Duration writes it (PT2H, PT1H30M, PT45S, PT0S). */
export function toIsoDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (s === 0) return "PT0S";
  return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds ? `${seconds}S` : ""}`;
}

type Unit = "day" | "hour" | "minute" | "second";

function unit(value: number, name: Unit, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short" }).format(value);
}

/**
 * A duration for people, in the page's language, to the two largest units: "2 hr 30 min", "1 day 4 hr",
 * "45 sec". Under a minute it counts seconds; zero or less reads as 0 seconds.
 */
export function humanDuration(totalSeconds: number, locale: string): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const parts: [number, Unit][] = [
    [Math.floor(s / 86_400), "day"],
    [Math.floor((s % 86_400) / 3_600), "hour"],
    [Math.floor((s % 3_600) / 60), "minute"],
    [s % 60, "second"],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first < 0) return unit(0, "second", locale);
  // seconds only matter while less than a minute is left
  const shown = parts.slice(first, first + 2).filter(([value, name]) => value > 0 && (name !== "second" || s < 60 || first >= 2));
  return shown.map(([value, name]) => unit(value, name, locale)).join(" ");
}

/** Whole seconds from {@code now} until {@code isoInstant}; negative once it has passed. */
export function secondsUntil(isoInstant: string, now: number): number {
  return Math.floor((Date.parse(isoInstant) - now) / 1000);
}

/** A point in time for people, in the page's language: date and time, short. */
export function formatInstant(isoInstant: string | null | undefined, locale: string): string {
  if (!isoInstant) return "";
  const time = Date.parse(isoInstant);
  if (Number.isNaN(time)) return isoInstant;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(time);
}

/** The durations a person may pick under a policy: common steps up to its maximum, and its default. */
export function durationChoices(defaultIso: string, maxIso: string): string[] {
  const max = parseIsoDuration(maxIso) ?? 0;
  const steps = [15 * 60, 30 * 60, 3_600, 2 * 3_600, 4 * 3_600, 8 * 3_600, 12 * 3_600, 24 * 3_600];
  const chosen = new Set(steps.filter((s) => s <= max));
  const preferred = parseIsoDuration(defaultIso);
  if (preferred !== undefined && preferred > 0 && preferred <= max) chosen.add(preferred);
  if (max > 0) chosen.add(max);
  return [...chosen].sort((a, b) => a - b).map(toIsoDuration);
}
