// A labelled form row: the label is tied to the control by id, and the helper
// or error text is announced with it (aria-describedby).

import { useId, type ReactNode } from 'react';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';

interface Props {
  label: string;
  helper?: ReactNode;
  error?: ReactNode;
  children: (ids: { id: string; describedBy: string }) => ReactNode;
  className?: string;
}

export function Field({ label, helper, error, children, className }: Props) {
  const id = useId();
  const describedBy = `${id}-message`;
  return (
    <div className={`pq-field ${className ?? ''}`}>
      <Label htmlFor={id}>{label}</Label>
      {children({ id, describedBy })}
      <div id={describedBy}>
        {error ? <ErrorMessage>{error}</ErrorMessage> : helper ? <HelperMessage>{helper}</HelperMessage> : null}
      </div>
    </div>
  );
}

/** Field problems from a VALIDATION_FAILED error, keyed by the last path segment and the full path. */
export function problemsByField(problems: { field: string; message: string }[] | undefined): Map<string, string> {
  const byField = new Map<string, string>();
  for (const problem of problems ?? []) {
    const path = problem.field.replace(/^\//, '').replace(/\//g, '.');
    byField.set(path, problem.message);
    const last = path.split('.').pop();
    if (last && !byField.has(last)) byField.set(last, problem.message);
  }
  return byField;
}
