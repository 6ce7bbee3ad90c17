// /my/profile: the volunteer's own profile — name, phone, e-mail for reminders, community, skills
// — and weekly free time, edited one slot at a time (a day, a start and an end, then 添加; each
// slot listed with 删除). Plain form posts, each saving its own part; on an error every value
// typed is shown again, and a save's notice appears beside the button that saved, with the focus.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ProfilePageDocument,
  UpdateMyVolunteerProfileDocument,
  type AvailabilitySlotInput,
  type Skill,
  type UpdateMyVolunteerProfileInput,
} from '../../../schema/generated/graphql';
import { ErrorSummary, type SummaryField } from '../components/form/ErrorSummary';
import type { FormError } from '../components/form/errors';
import { FieldError } from '../components/form/FieldError';
import { SelectField } from '../components/form/SelectField';
import { TextField } from '../components/form/TextField';
import { gqlRequest, signedInRequest } from '../graphql/client.server';
import { useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import { fieldOf } from '../i18n/user-error';
import { zhCN } from '../i18n/zh-CN';

const skills = Object.keys(zhCN.skill) as Skill[];
const days = [1, 2, 3, 4, 5, 6, 7] as const;

interface Details {
  realName: string;
  phone: string;
  email: string;
  communityId: string;
  skills: Skill[];
}
interface Slot {
  day: string;
  start: string;
  end: string;
}

type Outcome =
  | { intent: 'details'; values: Details; errors: FormError[] }
  | { intent: 'addSlot'; values: Slot; errors: FormError[] }
  | { intent: 'removeSlot'; values: null; errors: FormError[] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.profile.title) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const result = await signedInRequest(request, ProfilePageDocument, {});
  return {
    viewer: result.viewer,
    profile: result.myVolunteerProfile,
    communities: result.communities.edges.map((edge) => edge.node),
  };
}

const sameSlot = (a: AvailabilitySlotInput, b: AvailabilitySlotInput) =>
  a.day === b.day && a.start === b.start && a.end === b.end;

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const version = Number(text('version'));
  const versioned = Number.isInteger(version) && version > 0 ? { version } : {};
  const save = async (input: UpdateMyVolunteerProfileInput) =>
    (await gqlRequest(request, UpdateMyVolunteerProfileDocument, { input }))
      .updateMyVolunteerProfile.errors;
  const answer = (outcome: Outcome) =>
    data(outcome, { status: outcome.errors.length > 0 ? 400 : 200 });
  const intent = text('intent');

  if (intent === 'addSlot' || intent === 'removeSlot') {
    // The slots as stored now; the version the page was loaded at keeps a change made meanwhile
    // on another device from being overwritten (CONFLICT).
    const current = await gqlRequest(request, ProfilePageDocument, {});
    const stored: AvailabilitySlotInput[] = (current.myVolunteerProfile?.availability ?? []).map(
      ({ day, start, end }) => ({ day, start, end }),
    );
    const slot = { day: text('day'), start: text('start'), end: text('end') };
    const asInput: AvailabilitySlotInput = { ...slot, day: Number(slot.day) };
    if (intent === 'addSlot') {
      const errors = await save({ ...versioned, availability: [...stored, asInput] });
      return answer({ intent, values: slot, errors });
    }
    const errors = await save({
      ...versioned,
      availability: stored.filter((s) => !sameSlot(s, asInput)),
    });
    return answer({ intent, values: null, errors });
  }

  const values: Details = {
    realName: text('realName'),
    phone: text('phone'),
    email: text('email'),
    communityId: text('communityId'),
    skills: form.getAll('skills').filter((s): s is Skill => skills.includes(s as Skill)),
  };
  const errors = await save({
    ...versioned,
    realName: values.realName,
    phone: values.phone,
    email: values.email,
    skills: values.skills,
    ...(values.communityId ? { communityId: values.communityId } : {}),
  });
  return answer({ intent: 'details', values, errors });
}

/** A save's notice beside the button that saved; it takes the focus, with or without JS. */
function SavedNotice({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  // Once the page's data is fresh again (a slot added lengthens the list above), so the notice
  // is not pushed out of view after it took the focus.
  const settled = useNavigation().state === 'idle';
  useEffect(() => {
    if (!settled || !ref.current) return;
    ref.current.focus({ preventScroll: true });
    ref.current.scrollIntoView({ block: 'center' });
  }, [settled]);
  return (
    <div className="notice outcome" role="status" tabIndex={-1} autoFocus ref={ref}>
      <p>{children}</p>
    </div>
  );
}

export default function ProfilePage() {
  const { viewer, profile, communities } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const number = useNumberFormat();
  const pending = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null;
  const english = i18n.language === 'en';

  const detailsOutcome = outcome?.intent === 'details' ? outcome : null;
  const detailErrors = detailsOutcome?.errors ?? [];
  // After a refusal, what was typed; after a save or on arrival, what is stored.
  const details: Details =
    detailsOutcome && detailErrors.length > 0
      ? detailsOutcome.values
      : {
          realName: profile?.realName ?? viewer.displayName,
          phone: profile?.phone ?? '',
          email: viewer.email ?? '',
          communityId: profile?.community.id ?? viewer.community?.id ?? '',
          skills: profile?.skills ?? [],
        };
  const detailFields: Record<string, SummaryField> = {
    realName: { label: t('profile.realName') },
    phone: { label: t('profile.phone') },
    email: { label: t('profile.email') },
    communityId: { label: t('profile.community'), kind: 'choice' },
    skills: { label: t('profile.skills'), kind: 'choice', id: `skill-${skills[0]}` },
  };

  const slotOutcome =
    outcome?.intent === 'addSlot' || outcome?.intent === 'removeSlot' ? outcome : null;
  const slotErrors = slotOutcome?.errors ?? [];
  const addOutcome = outcome?.intent === 'addSlot' ? outcome : null;
  const typedSlot = addOutcome && addOutcome.errors.length > 0 ? addOutcome.values : null;
  // An error of the slot being added names its place in the list: the one after the stored.
  const slotFields: Record<string, SummaryField> = {
    day: { label: t('profile.day'), kind: 'choice', id: 'slot-day' },
    start: { label: t('profile.from'), id: 'slot-start' },
    end: { label: t('profile.to'), id: 'slot-end' },
  };
  const addErrors = slotErrors.filter((error) => fieldOf(error) in slotFields);
  const availability = profile?.availability ?? [];

  return (
    <>
      <main id="main" className="page page-narrow">
        <h1>{t('profile.heading')}</h1>
        <p className="lead">{profile ? t('profile.intro') : t('profile.noProfile')}</p>
        {profile && (
          <p className="muted">
            {t('profile.hours', {
              count: profile.verifiedHours,
              hours: number.format(profile.verifiedHours),
            })}
            {' · '}
            {t('profile.stars', {
              count: profile.starLevel,
              stars: number.format(profile.starLevel),
            })}
          </p>
        )}
        <ErrorSummary errors={detailErrors} fields={detailFields} title={t('profile.failed')} />
        <Form method="post" className="panel stack profile-form" noValidate preventScrollReset>
          <input type="hidden" name="version" value={profile?.version ?? ''} />
          <TextField
            name="realName"
            label={t('profile.realName')}
            errors={detailErrors}
            required
            maxLength={50}
            autoComplete="name"
            defaultValue={details.realName}
          />
          <TextField
            name="phone"
            type="tel"
            inputMode="tel"
            label={t('profile.phone')}
            errors={detailErrors}
            required
            maxLength={11}
            autoComplete="tel"
            defaultValue={details.phone}
          />
          <TextField
            name="email"
            type="email"
            label={t('profile.email')}
            hint={t('profile.emailHint')}
            errors={detailErrors}
            autoComplete="email"
            defaultValue={details.email}
          />
          <SelectField
            name="communityId"
            label={t('profile.community')}
            errors={detailErrors}
            defaultValue={details.communityId}
          >
            {communities.map((community) => (
              <option key={community.id} value={community.id}>
                {english ? community.nameEn : community.name}
              </option>
            ))}
          </SelectField>
          <fieldset className="field">
            <legend>{t('profile.skills')}</legend>
            <div className="checkbox-grid">
              {skills.map((skill) => (
                <label key={skill} className="checkbox">
                  <input
                    id={`skill-${skill}`}
                    type="checkbox"
                    name="skills"
                    value={skill}
                    defaultChecked={details.skills.includes(skill)}
                  />
                  {t(`skill.${skill}`)}
                </label>
              ))}
            </div>
            <FieldError id="skills" name="skills" errors={detailErrors} kind="choice" />
          </fieldset>
          <button
            type="submit"
            name="intent"
            value="details"
            className="button button-primary"
            disabled={pending === 'details'}
          >
            {pending === 'details' ? t('profile.saving') : t('profile.save')}
          </button>
          {detailsOutcome && detailErrors.length === 0 && (
            <SavedNotice>{t('profile.saved')}</SavedNotice>
          )}
        </Form>

        {profile && (
          <section className="panel section" id="availability" aria-labelledby="availability-h">
            <h2 id="availability-h">{t('profile.availability')}</h2>
            <p className="field-hint" id="availability-hint">
              {t('profile.availabilityHint')}
            </p>
            {outcome?.intent === 'removeSlot' && slotErrors.length === 0 && (
              <SavedNotice>{t('profile.slotRemoved')}</SavedNotice>
            )}
            {availability.length === 0 ? (
              <p className="muted">{t('profile.noSlots')}</p>
            ) : (
              <ul className="slot-list">
                {days
                  .filter((day) => availability.some((slot) => slot.day === day))
                  .map((day) => (
                    <li key={day}>
                      <span className="slot-day">{t(`profile.weekday.${day}`)}</span>
                      <ul className="slot-times">
                        {availability
                          .filter((slot) => slot.day === day)
                          .map((slot) => (
                            <li key={`${slot.start}-${slot.end}`}>
                              {slot.start}–{slot.end}{' '}
                              <Form method="post" preventScrollReset>
                                <input type="hidden" name="intent" value="removeSlot" />
                                <input type="hidden" name="version" value={profile.version} />
                                <input type="hidden" name="day" value={day} />
                                <input type="hidden" name="start" value={slot.start} />
                                <input type="hidden" name="end" value={slot.end} />
                                <button
                                  type="submit"
                                  className="button button-quiet"
                                  aria-label={t('profile.removeSlotLabel', {
                                    day: t(`profile.weekday.${day}`),
                                    start: slot.start,
                                    end: slot.end,
                                  })}
                                  disabled={pending === 'removeSlot'}
                                >
                                  {t('profile.removeSlot')}
                                </button>
                              </Form>
                            </li>
                          ))}
                      </ul>
                    </li>
                  ))}
              </ul>
            )}
            <ErrorSummary errors={slotErrors} fields={slotFields} title={t('profile.slotFailed')} />
            <Form
              method="post"
              noValidate
              // The notice or summary that takes the focus is where the volunteer is; no jump.
              preventScrollReset
              // Cleared once a slot is added (the version moves on), refilled after a refusal.
              key={`${profile.version}-${addOutcome?.errors.length ?? 0}`}
            >
              <input type="hidden" name="intent" value="addSlot" />
              <input type="hidden" name="version" value={profile.version} />
              <fieldset className="slot-add-fieldset">
                <legend>{t('profile.addSlotHeading')}</legend>
                <div className="slot-add">
                  <SelectField
                    name="day"
                    id="slot-day"
                    label={t('profile.day')}
                    errors={addErrors}
                    defaultValue={typedSlot?.day ?? '1'}
                  >
                    {days.map((day) => (
                      <option key={day} value={day}>
                        {t(`profile.weekday.${day}`)}
                      </option>
                    ))}
                  </SelectField>
                  <TextField
                    name="start"
                    id="slot-start"
                    type="time"
                    step={900}
                    label={t('profile.from')}
                    errors={addErrors}
                    required
                    defaultValue={typedSlot?.start ?? ''}
                  />
                  <TextField
                    name="end"
                    id="slot-end"
                    type="time"
                    step={900}
                    label={t('profile.to')}
                    errors={addErrors}
                    required
                    defaultValue={typedSlot?.end ?? ''}
                  />
                  <button type="submit" className="button" disabled={pending === 'addSlot'}>
                    {t('profile.addSlot')}
                  </button>
                </div>
              </fieldset>
            </Form>
            {/* Outside the form, which is remounted (emptied) once the slot is saved. */}
            {addOutcome && addOutcome.errors.length === 0 && (
              <SavedNotice>{t('profile.slotAdded')}</SavedNotice>
            )}
          </section>
        )}
      </main>
    </>
  );
}
