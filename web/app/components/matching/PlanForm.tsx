// The computed plan as a form: one row per proposal with its score and the parts of it, ticked
// by the staff member (none at first), confirmed as ticked or all at once.
import { Form, useNavigation } from '@remix-run/react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserErrorFieldsFragment } from '../../../../schema/generated/graphql';
import { useNumberFormat } from '../../i18n/format';
import { useMatchingErrorText } from './error-text';
import { rowKey, type Plan, type Proposal } from './shared';

function usePoints() {
  const { i18n } = useTranslation();
  const signed = new Intl.NumberFormat(i18n.language, { signDisplay: 'exceptZero' });
  const hours = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return { signed, hours };
}

export function PlanForm({
  plan,
  communityId,
  action,
  nothingSelected,
  picked,
  lastErrors,
}: {
  plan: Plan;
  communityId: string;
  action: string;
  nothingSelected: boolean;
  /** The ticks of a refused post; null: a new plan, nothing ticked yet. */
  picked: Set<string> | null;
  lastErrors: Map<string, UserErrorFieldsFragment[]>;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle' && navigation.formMethod === 'POST';
  const formRef = useRef<HTMLFormElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [selected, setSelected] = useState(
    picked
      ? plan.proposals.filter((p) => picked.has(rowKey(p.socialWorker.id, p.volunteer.id))).length
      : 0,
  );
  useEffect(() => setHydrated(true), []);
  const boxes = () =>
    Array.from(formRef.current?.querySelectorAll<HTMLInputElement>('input[name="pick"]') ?? []);
  const recount = () => setSelected(boxes().filter((box) => box.checked).length);
  const toggleAll = () => {
    const list = boxes();
    const check = list.some((box) => !box.checked);
    for (const box of list) box.checked = check;
    recount();
  };
  const workers = new Map(plan.proposals.map((p) => [p.socialWorker.id, p.socialWorker]));

  return (
    <section className="section" aria-labelledby="plan-heading">
      <div className="section-head">
        <h2 id="plan-heading">{t('matching.plan.heading')}</h2>
        <p className="muted plan-summary" data-testid="plan-summary">
          {t('matching.plan.summary', {
            count: plan.proposals.length,
            n: number.format(plan.proposals.length),
            total: number.format(plan.totalScore),
          })}
        </p>
      </div>
      {plan.proposals.length === 0 ? (
        <p className="panel">{t('matching.plan.empty')}</p>
      ) : (
        <Form method="post" action={action} ref={formRef} onChange={recount} className="plan-form">
          <input type="hidden" name="communityId" value={communityId} />
          {plan.proposals.map((p) => (
            <span key={p.volunteer.id} hidden>
              <input
                type="hidden"
                name="proposal"
                value={rowKey(p.socialWorker.id, p.volunteer.id)}
              />
              <input type="hidden" name={`v:${p.volunteer.id}`} value={p.volunteer.realName} />
            </span>
          ))}
          {[...workers.values()].map((w) => (
            <input key={w.id} type="hidden" name={`w:${w.id}`} value={w.user.displayName} />
          ))}
          {hydrated && (
            <div className="plan-tools">
              <button type="button" className="button button-quiet" onClick={toggleAll}>
                {t('matching.plan.toggle')}
              </button>
              <span className="muted" aria-live="polite">
                {t('matching.plan.selectedCount', {
                  n: number.format(selected),
                  total: number.format(plan.proposals.length),
                })}
              </span>
            </div>
          )}
          <div className="table-wrap">
            <table className="data-table plan-table">
              <caption className="visually-hidden">{t('matching.plan.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('matching.plan.volunteer')}</th>
                  <th scope="col">{t('matching.plan.socialWorker')}</th>
                  <th scope="col" className="num">
                    {t('matching.plan.total')}
                  </th>
                  <th scope="col">{t('matching.plan.availability')}</th>
                  <th scope="col">{t('matching.plan.capacity')}</th>
                  <th scope="col">{t('matching.plan.sameGrid')}</th>
                  <th scope="col">{t('matching.plan.skillFit')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.proposals.map((p) => (
                  <ProposalRow
                    key={p.volunteer.id}
                    proposal={p}
                    checked={picked?.has(rowKey(p.socialWorker.id, p.volunteer.id)) ?? false}
                    errors={lastErrors.get(p.volunteer.id)}
                  />
                ))}
              </tbody>
            </table>
          </div>
          {nothingSelected && (
            <p className="field-error plan-error" role="alert" id="plan-error">
              {t('matching.plan.nothingSelected')}
            </p>
          )}
          <div className="button-row plan-actions">
            <button
              type="submit"
              name="intent"
              value="selected"
              className="button"
              disabled={busy}
              aria-describedby={nothingSelected ? 'plan-error' : undefined}
            >
              {busy ? t('matching.plan.confirming') : t('matching.plan.confirmSelected')}
            </button>
            <button
              type="submit"
              name="intent"
              value="all"
              className="button button-quiet"
              disabled={busy}
            >
              {t('matching.plan.confirmAll')}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

function ProposalRow({
  proposal: p,
  checked,
  errors,
}: {
  proposal: Proposal;
  checked: boolean;
  errors: UserErrorFieldsFragment[] | undefined;
}) {
  const { t } = useTranslation();
  const { signed, hours } = usePoints();
  const errorText = useMatchingErrorText();
  const key = rowKey(p.socialWorker.id, p.volunteer.id);
  const boxId = `pick-${p.volunteer.id}`;
  const errorId = `row-error-${p.volunteer.id}`;
  const score = p.score;
  const points = (n: number, detail: ReactNode) => (
    <span className="component">
      <strong className={n < 0 ? 'points points-negative' : 'points'}>{signed.format(n)}</strong>
      {detail && <span className="muted component-detail">{detail}</span>}
    </span>
  );
  const availabilityDetail =
    score.overlapHoursPerWeek > 0
      ? t('matching.plan.hoursPerWeek', { n: hours.format(score.overlapHoursPerWeek) })
      : score.availability < 0
        ? t('matching.plan.noOverlap')
        : t('matching.plan.noHours');
  return (
    <tr
      data-volunteer-id={p.volunteer.id}
      data-social-worker-id={p.socialWorker.id}
      data-total={score.total}
    >
      <th scope="row" className="proposal-who">
        <label htmlFor={boxId} className="proposal-pick">
          <input
            id={boxId}
            type="checkbox"
            name="pick"
            value={key}
            defaultChecked={checked}
            aria-describedby={errors ? errorId : undefined}
          />
          <span className="volunteer-name">{p.volunteer.realName}</span>
          <span className="visually-hidden">
            {' '}
            {t('matching.plan.pairWith', { worker: p.socialWorker.user.displayName })}
          </span>
        </label>
        <span className="muted proposal-skills">
          {p.volunteer.skills.length > 0
            ? t('matching.plan.skills', {
                skills: p.volunteer.skills
                  .map((s) => t(`skill.${s}`))
                  .join(t('matching.listSeparator')),
              })
            : t('matching.plan.noSkills')}
        </span>
        {errors && (
          <p className="field-error" id={errorId}>
            {t('matching.plan.lastTry', { reason: errors.map(errorText).join(' ') })}
          </p>
        )}
      </th>
      <td data-label={t('matching.plan.socialWorker')}>{p.socialWorker.user.displayName}</td>
      <td data-label={t('matching.plan.total')} className="num">
        <strong className="total">{score.total}</strong>
      </td>
      <td data-label={t('matching.plan.availability')} data-component="availability">
        {points(score.availability, availabilityDetail)}
      </td>
      <td data-label={t('matching.plan.capacity')} data-component="capacity">
        {points(score.capacity, null)}
      </td>
      <td data-label={t('matching.plan.sameGrid')} data-component="sameGrid">
        {points(
          score.sameGrid,
          score.sameGrid > 0 ? (p.volunteer.grid?.name ?? '') : t('matching.plan.otherGrid'),
        )}
      </td>
      <td data-label={t('matching.plan.skillFit')} data-component="skillFit">
        {points(
          score.skillFit,
          score.matchedSpecialties.length > 0
            ? score.matchedSpecialties
                .map((s) => t(`specialty.${s}`))
                .join(t('matching.listSeparator'))
            : t('matching.plan.noMatch'),
        )}
      </td>
    </tr>
  );
}
