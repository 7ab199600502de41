import { useTranslation } from "react-i18next";

import { humanDuration, secondsUntil } from "../util/durations";

/** "Lapses in 7 hr 59 min" / "Ends in 12 min", counting down; past the instant, what it means then. */
export const TimeLeft = ({ until, now, label, pastLabel }: { until: string; now: number; label: string; pastLabel: string }) => {
  const { t, i18n } = useTranslation();
  const left = secondsUntil(until, now);
  return (
    <span className="jit-time-left" data-testid="jit-time-left" data-seconds-left={Math.max(0, left)}>
      {left > 0 ? t(label, { time: humanDuration(left, i18n.language) }) : t(pastLabel)}
    </span>
  );
};
