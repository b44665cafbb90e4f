import { FieldError, optionalInt, type FieldSpec, type FormValues } from './forms';

/** The pool form: a tag range, 1–4094. */
export const poolFields: readonly FieldSpec[] = [
  { key: 'first', label: 'First VLAN', type: 'number', placeholder: 'e.g. 400', required: true },
  { key: 'last', label: 'Last VLAN', type: 'number', placeholder: 'e.g. 500', required: true, hint: 'Services visiting a PoP on this port get a tag from this range.' },
];

/** The form's values for a port's pool (empty when it has none of its own). */
export function poolValues(pool: { readonly first: number; readonly last: number } | null): FormValues {
  return { first: pool ? String(pool.first) : '', last: pool ? String(pool.last) : '' };
}

/** The `topology.setVlanPool` range from the form; the engine checks the range itself. */
export function poolRange(values: FormValues): { first: number; last: number } {
  const first = optionalInt(values, 'first', 'First VLAN');
  const last = optionalInt(values, 'last', 'Last VLAN');
  if (first === null) throw new FieldError('first', 'First VLAN is required (1–4094).');
  if (last === null) throw new FieldError('last', 'Last VLAN is required (1–4094).');
  return { first, last };
}
