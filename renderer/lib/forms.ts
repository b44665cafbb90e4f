import type { DiagnosticDto } from '../../core/contract/dto';
import type { PortChoice } from './port-picker';
import { RpcError } from './rpc/client';

/** One input of a generated form. */
export interface FieldSpec {
  readonly key: string;
  readonly label: string;
  readonly type: 'text' | 'number' | 'password' | 'select' | 'checkbox' | 'port';
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  /** A `port` field's choices (a searchable picker, free ports first). */
  readonly ports?: readonly PortChoice[];
  readonly placeholder?: string;
  readonly required?: boolean;
  /** Shown under the field. */
  readonly hint?: string;
}

/** A form's values, by field key (text fields as typed, checkboxes as booleans). */
export type FormValues = Record<string, string | boolean>;

/** What the engine said about a submitted form: errors and warnings next to fields, or for the form. */
export interface Feedback {
  readonly fields: Readonly<Record<string, string>>;
  readonly message: string | null;
  readonly warnings: readonly { readonly field: string | null; readonly message: string }[];
}

/** No feedback. */
export const noFeedback: Feedback = { fields: {}, message: null, warnings: [] };

/** A problem found before calling the engine (a number field with letters…). */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Text of a form value. */
export function text(values: FormValues, key: string): string {
  const v = values[key];
  return typeof v === 'string' ? v.trim() : '';
}

/** Optional integer field: '' → null; not a whole number → FieldError. */
export function optionalInt(values: FormValues, key: string, label: string): number | null {
  const t = text(values, key);
  if (t === '') return null;
  if (!/^-?\d+$/.test(t)) throw new FieldError(key, `${label} must be a whole number.`);
  return Number(t);
}

/**
 * Puts an engine error next to the field it is about: the request pointer of a validation
 * error (`/prefix`, `/changes/prefix`), the `input` the engine quotes in `details`, or a field
 * value quoted in the message; otherwise it is shown for the whole form.
 */
export function feedbackFromError(error: unknown, values: FormValues): Feedback {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof FieldError) return { fields: { [error.field]: message }, message: null, warnings: [] };
  const keys = Object.keys(values);
  const details = error instanceof RpcError && typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
  const issues = Array.isArray(details.issues) ? (details.issues as { pointer?: unknown; message?: unknown }[]) : [];
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = typeof issue.pointer === 'string' ? fieldOfPointer(issue.pointer, keys) : null;
    if (key && typeof issue.message === 'string') fields[key] = `${labelOfPointer(issue.pointer as string)} ${issue.message}`;
  }
  if (Object.keys(fields).length > 0) return { fields, message: null, warnings: [] };
  const input = typeof details.input === 'string' ? details.input : null;
  const quoted = keys.find((k) => {
    const v = text(values, k);
    return v !== '' && (v === input || message.includes(`'${v}'`));
  });
  return quoted ? { fields: { [quoted]: message }, message: null, warnings: [] } : { fields: {}, message, warnings: [] };
}

/** Engine diagnostics of a successful edit (HOST_BITS_SET…), next to their field when the pointer names one. */
export function feedbackFromDiagnostics(diagnostics: readonly DiagnosticDto[], values: FormValues): Feedback {
  const keys = Object.keys(values);
  return {
    fields: {},
    message: null,
    warnings: diagnostics.map((d) => ({ field: d.pointer ? fieldOfPointer(d.pointer, keys) : null, message: d.hint ? `${d.message} ${d.hint}` : d.message })),
  };
}

function fieldOfPointer(pointer: string, keys: readonly string[]): string | null {
  const last = pointer.split('/').filter((s) => s.length > 0).pop() ?? '';
  return keys.includes(last) ? last : null;
}

function labelOfPointer(pointer: string): string {
  return pointer.split('/').filter((s) => s.length > 0).pop() ?? 'value';
}
