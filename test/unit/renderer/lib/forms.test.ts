import { describe, expect, it } from 'vitest';
import { feedbackFromDiagnostics, feedbackFromError, FieldError, optionalInt } from '../../../../renderer/lib/forms';
import { RpcError } from '../../../../renderer/lib/rpc/client';

describe('feedbackFromError', () => {
  const values = { portId: 'p1', prefix: '10.0.0.300/24', name: '' };

  it('puts a prefix error next to the field whose value the engine quotes', () => {
    const error = new RpcError('INVALID_INPUT', "'10.0.0.300/24' is not an IPv4 or IPv6 prefix: octet 300 > 255", { input: '10.0.0.300/24', reason: 'octet 300 > 255' });
    expect(feedbackFromError(error, values)).toEqual({ fields: { prefix: error.message }, message: null, warnings: [] });
  });

  it('maps request validation issues by their JSON pointer', () => {
    const error = new RpcError('INVALID_INPUT', 'Invalid request', { issues: [{ pointer: '/changes/name', message: 'must not be empty' }] });
    expect(feedbackFromError(error, values).fields).toEqual({ name: 'name must not be empty' });
  });

  it('keeps other errors for the whole form', () => {
    const error = new RpcError('CONFLICT', 'Bridge already has an uplink');
    expect(feedbackFromError(error, values)).toEqual({ fields: {}, message: 'Bridge already has an uplink', warnings: [] });
  });

  it('shows local field errors where they belong', () => {
    expect(feedbackFromError(new FieldError('ofPort', 'must be a whole number'), values).fields).toEqual({ ofPort: 'must be a whole number' });
  });
});

describe('feedbackFromDiagnostics', () => {
  it('shows a host-bits warning under the prefix field, with the hint', () => {
    const fb = feedbackFromDiagnostics([{ severity: 'warning', code: 'HOST_BITS_SET', message: "'10.0.0.3/24' has host bits set; stored as 10.0.0.0/24.", pointer: '/prefix', hint: 'Write 10.0.0.0/24.' }], { prefix: '10.0.0.3/24' });
    expect(fb.warnings).toEqual([{ field: 'prefix', message: "'10.0.0.3/24' has host bits set; stored as 10.0.0.0/24. Write 10.0.0.0/24." }]);
  });
  it('keeps findings without a known field for the form', () => {
    expect(feedbackFromDiagnostics([{ severity: 'warning', code: 'NOT_A_VNODE_NAME', message: 'bad name' }], { name: 'x' }).warnings).toEqual([{ field: null, message: 'bad name' }]);
  });
});

describe('optionalInt', () => {
  it('reads empty as null and whole numbers as numbers', () => {
    expect(optionalInt({ n: ' ' }, 'n', 'N')).toBeNull();
    expect(optionalInt({ n: '42' }, 'n', 'N')).toBe(42);
  });
  it('refuses anything else, naming the field', () => {
    expect(() => optionalInt({ n: '4x' }, 'n', 'OpenFlow port')).toThrow('OpenFlow port must be a whole number.');
  });
});
