// What the evidence routes answer when they refuse, as JSON in the GraphQL error shape:
// `{ errors: [{ message, extensions: { code } }] }`.
import type { Response } from 'express';
import { sendError } from '../../http/responses.js';
import { MAX_EVIDENCE_BYTES } from './evidence.storage.js';

export interface Problem {
  status: number;
  code: string;
  message: string;
}

export const sendProblem = (res: Response, { status, code, message }: Problem): void =>
  sendError(res, status, code, message);

export const UNAUTHENTICATED: Problem = {
  status: 401,
  code: 'UNAUTHENTICATED',
  message: 'Sign in first.',
};
export const FILE_REQUIRED: Problem = {
  status: 400,
  code: 'FILE_REQUIRED',
  message: 'Send one file in the form field "file".',
};
export const NOT_FOUND: Problem = { status: 404, code: 'NOT_FOUND', message: 'No such file.' };

const MB = 1024 * 1024;
const megabytes = (bytes: number): string => `${(bytes / MB).toFixed(bytes % MB === 0 ? 0 : 1)} MB`;

export const fileTooLarge = (): Problem => ({
  status: 413,
  code: 'FILE_TOO_LARGE',
  message: `The file is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB.`,
});

export const quotaExceeded = (cap: number, used: number): Problem => ({
  status: 429,
  code: 'QUOTA_EXCEEDED',
  message: `You may upload ${megabytes(cap)} of evidence in 24 hours and have ${megabytes(
    Math.max(0, cap - used),
  )} left: this file does not fit. Try again tomorrow, or attach fewer or smaller files.`,
});

export const TOO_MANY_UPLOADS: Problem = {
  status: 429,
  code: 'TOO_MANY_UPLOADS',
  message: 'Too many uploads are in progress; wait for them to finish, then try again.',
};

export const INSUFFICIENT_STORAGE: Problem = {
  status: 507,
  code: 'INSUFFICIENT_STORAGE',
  message:
    'The server is running out of disk space, so uploads are paused. Try again later; the administrator has been told.',
};

export const UNSUPPORTED_FILE: Problem = {
  status: 415,
  code: 'UNSUPPORTED_FILE',
  message: 'Upload a photo (JPEG, PNG, WebP or HEIC) or a PDF.',
};
