// What `viewerCan` answers and who may open evidence, decided in commitments.policy.ts alone:
// the rules, and what the commitment's status allows.
import { describe, expect, it } from 'vitest';
import { Viewer } from '../auth/policy.js';
import { Role, type User } from '../auth/user.entity.js';
import type { Commitment } from './commitment.entity.js';
import { CommitmentAction, CommitmentStatus } from './commitment.enums.js';
import { canReadEvidence, commitmentPermissions, transitionRule } from './commitments.policy.js';
import type { EvidenceFile } from './evidence-file.entity.js';

const HOME = 1;
const UNIT = 10;

const viewerOf = (role: Role, place: { community?: number; unit?: number } = {}, id = 100) =>
  new Viewer(
    {
      id,
      role,
      active: true,
      community: place.community ? { id: place.community } : null,
      unit: place.unit ? { id: place.unit } : null,
    } as unknown as User,
    null,
  );

const liaison = viewerOf(Role.UNIT_LIAISON, { community: HOME, unit: UNIT });
const otherLiaison = viewerOf(Role.UNIT_LIAISON, { community: HOME, unit: UNIT + 1 });
const staff = viewerOf(Role.COMMUNITY_STAFF, { community: HOME });
const otherStaff = viewerOf(Role.COMMUNITY_STAFF, { community: HOME + 1 });
const admin = viewerOf(Role.STREET_ADMIN);

const commitment = (status: CommitmentStatus, proposedTargetAmount: string | null = null) =>
  ({
    status,
    proposedTargetAmount,
    community: { id: HOME },
    unit: { id: UNIT },
  }) as unknown as Commitment;

const none = {
  edit: false,
  editDetails: false,
  submit: false,
  withdraw: false,
  review: false,
  recordFulfilment: false,
};

describe('commitmentPermissions', () => {
  it('lets the unit edit, submit and withdraw a draft, and nobody review it', () => {
    const draft = commitment(CommitmentStatus.DRAFT);
    const unitMay = { ...none, edit: true, editDetails: true, submit: true, withdraw: true };
    expect(commitmentPermissions(liaison, draft)).toEqual(unitMay);
    expect(commitmentPermissions(staff, draft)).toEqual(unitMay);
    expect(commitmentPermissions(admin, draft)).toEqual(unitMay);
    expect(commitmentPermissions(otherLiaison, draft)).toEqual(none);
    expect(commitmentPermissions(otherStaff, draft)).toEqual(none);
  });

  it('lets staff review a submission, and the unit only withdraw it', () => {
    const submitted = commitment(CommitmentStatus.SUBMITTED);
    expect(commitmentPermissions(liaison, submitted)).toEqual({ ...none, withdraw: true });
    expect(commitmentPermissions(staff, submitted)).toEqual({
      ...none,
      withdraw: true,
      review: true,
    });
    expect(commitmentPermissions(otherStaff, submitted)).toEqual(none);
  });

  it('on an active commitment: the target, withdrawal, fulfilment, and review of a target request', () => {
    const active = commitment(CommitmentStatus.ACTIVE);
    const unitMay = { ...none, edit: true, withdraw: true, recordFulfilment: true };
    expect(commitmentPermissions(liaison, active)).toEqual(unitMay);
    expect(commitmentPermissions(staff, active)).toEqual(unitMay);
    expect(commitmentPermissions(staff, commitment(CommitmentStatus.ACTIVE, '80.00'))).toEqual({
      ...unitMay,
      review: true,
    });
    expect(commitmentPermissions(liaison, commitment(CommitmentStatus.ACTIVE, '80.00'))).toEqual(
      unitMay,
    );
    // Public once accepted, but readable is not writable.
    expect(commitmentPermissions(otherLiaison, active)).toEqual(none);
  });

  it('leaves late fulfilment to lapsed commitments, and nothing after completion or an end', () => {
    expect(commitmentPermissions(liaison, commitment(CommitmentStatus.LAPSED))).toEqual({
      ...none,
      recordFulfilment: true,
    });
    for (const status of [
      CommitmentStatus.COMPLETED,
      CommitmentStatus.REJECTED,
      CommitmentStatus.WITHDRAWN,
    ]) {
      expect(commitmentPermissions(admin, commitment(status))).toEqual(none);
    }
  });

  it('gives nobody signed out anything', () => {
    expect(commitmentPermissions(Viewer.anonymous(), commitment(CommitmentStatus.DRAFT))).toEqual(
      none,
    );
  });
});

describe('transitionRule', () => {
  it("takes the unit's steps under commitment.write and staff's under commitment.review", () => {
    expect(transitionRule(CommitmentAction.SUBMIT)).toBe('commitment.write');
    expect(transitionRule(CommitmentAction.WITHDRAW)).toBe('commitment.write');
    expect(transitionRule(CommitmentAction.ACCEPT)).toBe('commitment.review');
    expect(transitionRule(CommitmentAction.REJECT)).toBe('commitment.review');
  });
});

describe('canReadEvidence', () => {
  const file = (attachedTo: Commitment | null, uploadedBy = 999) =>
    ({
      uploadedBy: { id: uploadedBy },
      fulfilment: attachedTo && { commitment: attachedTo },
    }) as unknown as EvidenceFile;

  it('shows an unattached upload to its uploader only', () => {
    expect(canReadEvidence(liaison, file(null, 100))).toBe(true);
    expect(canReadEvidence(staff, file(null, 999))).toBe(false);
    expect(canReadEvidence(admin, file(null, 999))).toBe(true);
  });

  it("shows attached evidence to the unit, its community's staff and the office, however public", () => {
    const active = commitment(CommitmentStatus.ACTIVE);
    expect(canReadEvidence(liaison, file(active))).toBe(true);
    expect(canReadEvidence(staff, file(active))).toBe(true);
    expect(canReadEvidence(admin, file(active))).toBe(true);
    expect(canReadEvidence(otherLiaison, file(active))).toBe(false);
    expect(canReadEvidence(otherStaff, file(active))).toBe(false);
  });
});
