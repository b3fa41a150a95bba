import { Field, type ValueFieldProps } from '../ui/field';

/** The brand's name, as creating and renaming a brand both ask for it (the server allows 120 characters). */
export function BrandNameField({ value, onChange, disabled, error }: ValueFieldProps) {
  return (
    <Field label="Brand name" error={error}>
      {(control) => (
        <input
          {...control}
          value={value}
          maxLength={120}
          required
          disabled={disabled}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
