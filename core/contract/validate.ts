import { z } from 'zod';
import type { Method, Req } from './api';

/** One problem in a request: where (JSON pointer) and what. */
export interface RequestIssue {
  readonly pointer: string;
  readonly message: string;
}

const noArgs = z.object({}).strict();
const filePath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'is longer than 4096 characters')
  .refine((p) => !p.includes('\u0000'), 'must not contain NUL');

/**
 * Runtime schema of every method's request; the dispatcher rejects anything that does not
 * match before a handler runs. The `satisfies` clause keeps schemas and `Api` in step.
 */
export const requestSchemas = {
  'app.info': noArgs,
  'project.new': z
    .object({ name: z.string().min(1).max(200).optional(), template: z.enum(['empty', 'sample']).optional() })
    .strict(),
  'project.open': z.object({ path: filePath }).strict(),
  'project.save': noArgs,
  'project.saveAs': z.object({ path: filePath }).strict(),
  'project.info': noArgs,
  'history.undo': noArgs,
  'history.redo': noArgs,
  'topology.get': noArgs,
} satisfies { readonly [M in Method]: z.ZodType<Req<M>> };

/** Whether a string names a contract method. */
export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(requestSchemas, name);
}

/** Validates a request; returns the typed value or the issues with JSON pointers. */
export function validateRequest<M extends Method>(
  method: M,
  req: unknown,
): { readonly ok: true; readonly value: Req<M> } | { readonly ok: false; readonly issues: readonly RequestIssue[] } {
  const schema = requestSchemas[method] as z.ZodType<Req<M>>;
  const result = schema.safeParse(req ?? {});
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      pointer: toPointer(issue.path),
      message: issue.message,
    })),
  };
}

function toPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
