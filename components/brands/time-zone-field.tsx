'use client';

import { useId, useMemo } from 'react';
import { formatInTimeZone, timeZoneNames } from '@/lib/time-zones';
import { Field, type ValueFieldProps } from '../ui/field';

/**
 * The brand's time zone: schedules are chosen and shown on its clock. A datalist of the zones the
 * browser knows, so a person can type "Berlin" and pick; the server validates the name again.
 */
export function TimeZoneField({ value, onChange, disabled, error }: ValueFieldProps) {
  const id = useId();
  const zones = useMemo(() => timeZoneNames(), []);
  const known = zones.includes(value);
  return (
    <Field
      label="Time zone"
      invalid={!known}
      error={error}
      hint={
        known
          ? `Posts are scheduled on this clock; now it is ${formatInTimeZone(new Date(), value)}.`
          : 'An IANA time zone such as Europe/Berlin, America/New_York or UTC.'
      }
    >
      {(control) => (
        <>
          <input
            {...control}
            value={value}
            list={`${id}-zones`}
            maxLength={64}
            required
            disabled={disabled}
            onChange={(event) => onChange(event.target.value)}
          />
          <datalist id={`${id}-zones`}>
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}
