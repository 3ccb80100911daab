/** How long the session may run: 5 / 15 / 60 minutes or a custom number, up to the policy maximum. */
import type { ReactElement } from 'react';
import type { RequestView } from '../../contract.ts';
import { minutesLabel } from '../sessions/clock-text.ts';
import { maxMinutes, PRESET_MINUTES } from './approve-choice.ts';
import type { ApproveChoice } from './approve-choice.ts';

/** Radio presets plus a custom minutes field; presets above the maximum are not offered. */
export function DurationChoice(props: { request: RequestView; choice: ApproveChoice; onChange: (patch: Partial<ApproveChoice>) => void }): ReactElement {
  const { request, choice, onChange } = props;
  const max = maxMinutes(request);
  const name = `duration-${request.id}`;
  return (
    <fieldset className="segmented duration">
      <legend>Duration</legend>
      {PRESET_MINUTES.filter((m) => m <= max).map((m) => (
        <label key={m}>
          <input type="radio" name={name} checked={choice.preset === m} onChange={() => onChange({ preset: m })} />
          <span>{minutesLabel(m)}</span>
        </label>
      ))}
      <label>
        <input type="radio" name={name} checked={choice.preset === 'custom'} onChange={() => onChange({ preset: 'custom' })} />
        <span>Custom</span>
      </label>
      <label className="custom-minutes">
        <input
          type="number"
          min={1}
          max={max}
          step={1}
          inputMode="numeric"
          aria-label="Custom duration in minutes"
          value={choice.customMinutes}
          onFocus={() => onChange({ preset: 'custom' })}
          onChange={(e) => onChange({ preset: 'custom', customMinutes: e.target.value })}
        />
        <span aria-hidden="true">min</span>
      </label>
      <p className="hint">
        Up to {minutesLabel(max)}
        {request.minutes !== undefined ? ` · the agent asked for ${minutesLabel(request.minutes)}` : ''}
      </p>
    </fieldset>
  );
}
