import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api';
import { formErrors } from './form-errors';

describe('formErrors', () => {
  it('puts validation issues next to their fields, first message per field', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid request: url: bad', {
      issues: [
        { path: 'url', message: 'must start with https:// or http://', code: 'custom' },
        { path: 'url', message: 'second', code: 'custom' },
        { path: 'credentials.password', message: 'Required', code: 'invalid_type' },
      ],
    });
    expect(formErrors(error)).toEqual({ fields: { url: 'must start with https:// or http://', 'credentials.password': 'Required' }, form: null });
  });

  it('uses details.field for domain errors about one field', () => {
    const error = new ApiError(409, 'REGISTRY_NAME_TAKEN', 'a registry named "x" already exists', { field: 'name' });
    expect(formErrors(error)).toEqual({ fields: { name: 'a registry named "x" already exists' }, form: null });
  });

  it('keeps other errors for the whole form, with their code', () => {
    expect(formErrors(new ApiError(422, 'REGISTRY_AUTH_FAILED', 'credentials refused', {}))).toEqual({ fields: {}, form: 'credentials refused (REGISTRY_AUTH_FAILED)' });
    expect(formErrors(new TypeError('Failed to fetch'))).toEqual({ fields: {}, form: 'Failed to fetch' });
  });
});
