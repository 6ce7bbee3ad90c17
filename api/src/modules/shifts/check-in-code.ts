// The QR code shown at a shift's venue, with which volunteers check themselves in and out: a
// short-lived code signed with the app's secret, and the check of a code a volunteer scanned.
import { createHmac, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import type { Context } from '../../context.js';
import { UserErrorCode } from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { authorize } from '../auth/policy.js';
import { Activity } from './activity.entity.js';
import { Shift } from './shift.entity.js';
import { ShiftStatus } from './shift.enums.js';
import { activityScope } from './shifts.policy.js';

const CODE_PURPOSE = 'shift-check-in';
const CODE_PATTERN = /^([1-9]\d{0,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

const codeSignature = (secret: string, shiftId: number, expSeconds: number) =>
  createHmac('sha256', secret)
    .update(`${CODE_PURPOSE}:${shiftId}:${expSeconds}`)
    .digest('base64url');

/**
 * A check-in code for a shift, valid until `expiresAt` (whole seconds):
 * `<shift id>.<expiry, unix seconds>.<HMAC-SHA256 of both, base64url>`.
 */
export function signCheckInCode(secret: string, shiftId: number, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${shiftId}.${exp}.${codeSignature(secret, shiftId, exp)}`;
}

export type CodeCheck =
  | { ok: true; shiftId: number; expiresAt: Date }
  | { ok: false; code: typeof UserErrorCode.INVALID_CODE | typeof UserErrorCode.CODE_EXPIRED };

/**
 * The shift a code is for, once its signature (constant-time) and its expiry hold. A code that
 * claims to stay valid for longer than `ttlSeconds` from now was not issued by us (or was issued
 * under a longer TTL): refused, whoever signed it.
 */
export function verifyCheckInCode(
  secret: string,
  code: string,
  ttlSeconds: number,
  now = new Date(),
): CodeCheck {
  /** Allowance for the clocks of the API processes that issue and check codes. */
  const clockSkewSeconds = 10;
  const match = CODE_PATTERN.exec(code.trim());
  if (!match) return { ok: false, code: UserErrorCode.INVALID_CODE };
  const shiftId = Number(match[1]);
  const exp = Number(match[2]);
  const expected = Buffer.from(codeSignature(secret, shiftId, exp));
  const given = Buffer.from(match[3]!);
  // Compared as canonical text, so a differently padded spelling of the same bytes fails too.
  if (
    !Number.isSafeInteger(shiftId) ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  ) {
    return { ok: false, code: UserErrorCode.INVALID_CODE };
  }
  if (exp * 1000 > now.getTime() + (ttlSeconds + clockSkewSeconds) * 1000) {
    return { ok: false, code: UserErrorCode.INVALID_CODE };
  }
  if (now.getTime() > exp * 1000) return { ok: false, code: UserErrorCode.CODE_EXPIRED };
  return { ok: true, shiftId, expiresAt: new Date(exp * 1000) };
}

export interface CheckInCode {
  code: string;
  expiresAt: Date;
  /** What the QR code holds: the web app's check-in page with the code. */
  url: string;
  qrSvg: string;
}

/** A fresh QR code for the shift's venue, for those who run the activity; null if no such shift. */
export async function shiftCheckInCode(
  ctx: Context,
  shiftGlobalId: string,
): Promise<CheckInCode | null> {
  ctx.viewer.requireUser();
  const id = idOf(shiftGlobalId, 'Shift');
  const shift = id ? await ctx.em.findOne(Shift, id) : null;
  if (!shift) return null;
  const activity = await ctx.em.findOneOrFail(Activity, shift.activity.id);
  authorize(ctx.viewer, 'activity.manage', activityScope(activity));
  if (shift.status === ShiftStatus.CANCELLED) return null;
  const { appSecret, publicWebUrl, shifts } = ctx.app.config;
  const expiresAt = new Date((Math.floor(Date.now() / 1000) + shifts.qrCodeTtlSeconds) * 1000);
  const code = signCheckInCode(appSecret, shift.id, expiresAt);
  const url = `${publicWebUrl.replace(/\/+$/, '')}/check-in?code=${encodeURIComponent(code)}`;
  const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { code, expiresAt, url, qrSvg };
}
