import { describe, it, expect } from 'vitest';
import { CameraError, cameraErrorFrom, type CameraErrorKind } from './camera';

const kindOf = (name: string): CameraErrorKind => cameraErrorFrom(new DOMException('from the browser', name)).kind;

describe('cameraErrorFrom', () => {
  it('maps a refused permission to "denied"', () => {
    expect(kindOf('NotAllowedError')).toBe('denied');
    expect(kindOf('SecurityError')).toBe('denied');
  });

  it('maps no matching camera to "missing"', () => {
    expect(kindOf('NotFoundError')).toBe('missing');
    expect(kindOf('OverconstrainedError')).toBe('missing');
  });

  it('maps a camera held by another app to "busy"', () => {
    expect(kindOf('NotReadableError')).toBe('busy');
    expect(kindOf('AbortError')).toBe('busy');
  });

  it('returns a CameraError with the kind and a message that says what to do', () => {
    const error = cameraErrorFrom(new DOMException('Permission denied', 'NotAllowedError'));
    expect(error).toBeInstanceOf(CameraError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CameraError');
    expect(error.kind).toBe('denied');
    expect(error.message).toMatch(/^Camera access was blocked\./);
    expect(cameraErrorFrom(new DOMException('', 'NotFoundError')).message).toMatch(/^No camera was found\./);
    expect(cameraErrorFrom(new DOMException('', 'NotReadableError')).message).toMatch(/^The camera is in use by another app or tab\./);
  });

  it('maps anything else to "unknown", keeping the original message', () => {
    const fromDom = cameraErrorFrom(new DOMException('Something odd happened', 'InvalidStateError'));
    expect(fromDom.kind).toBe('unknown');
    expect(fromDom.message).toBe('The camera could not be started. (Something odd happened)');

    const fromError = cameraErrorFrom(new TypeError('getUserMedia is not a function'));
    expect(fromError.kind).toBe('unknown');
    expect(fromError.message).toBe('The camera could not be started. (getUserMedia is not a function)');

    const fromString = cameraErrorFrom('plain string');
    expect(fromString.kind).toBe('unknown');
    expect(fromString.message).toBe('The camera could not be started. (plain string)');

    expect(cameraErrorFrom(undefined).kind).toBe('unknown');
  });

  it('reads the name of a plain Error too (older browsers)', () => {
    const legacy = new Error('Permission denied');
    legacy.name = 'NotAllowedError';
    expect(cameraErrorFrom(legacy).kind).toBe('denied');
  });

  it('does not trust a name on something that is not an error', () => {
    expect(cameraErrorFrom({ name: 'NotAllowedError' }).kind).toBe('unknown');
  });
});
