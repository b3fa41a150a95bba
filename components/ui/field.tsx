import { type ReactNode, useId } from 'react';

/** What the control inside a Field carries, so a screen reader reads its hint and its error with it. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A one-value field component's props (a name, a time zone): the value, its setter, and the refusal. */
export interface ValueFieldProps {
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
  error?: string | null;
}

interface FieldProps {
  label: ReactNode;
  /** Under the control: what to enter, or what leaving it empty does. */
  hint?: ReactNode;
  /** The server's reason for refusing this field, shown in place. */
  error?: string | null;
  /** Marks the control invalid before the server has answered (a value the page can already tell is wrong). */
  invalid?: boolean;
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * One form field as the app's forms write it: the label around the control (so it names it), a hint
 * under it, and the reason a save was refused right there, announced when it appears.
 *
 *   <Field label="Brand name" error={errors.fields.name}>{(control) => <input {...control} value={name} … />}</Field>
 */
export function Field({ label, hint, error, invalid, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <label className="field" htmlFor={id}>
      <span>{label}</span>
      {children({
        id,
        'aria-invalid': error || invalid ? true : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
      {/* A hint may read the clock (the time zone's "now it is"), which the server and the browser differ on. */}
      {hint && (
        <span id={hintId} className="muted small" suppressHydrationWarning>
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="form-error small" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

/** A refusal that belongs to the whole form or action rather than one field: shown where it happened, announced when it appears. */
export function FormError({ message }: { message?: string | null }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}
