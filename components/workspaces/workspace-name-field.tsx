import type { ReactNode } from 'react';
import { Field, type ValueFieldProps } from '../ui/field';

/** The workspace's name, as creating and renaming a workspace both ask for it (the server allows 200 characters). */
export function WorkspaceNameField({ value, onChange, disabled, error, hint }: ValueFieldProps & { hint?: ReactNode }) {
  return (
    <Field label="Workspace name" hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          value={value}
          maxLength={200}
          required
          disabled={disabled}
          autoComplete="organization"
          placeholder="Your company or team"
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
