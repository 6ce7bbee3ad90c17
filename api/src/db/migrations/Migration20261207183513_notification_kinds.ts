import { Migration } from '@mikro-orm/migrations';

/** `toGlobalId(type, id)` in SQL: base64url of `Type:id`, without padding. */
const gid = (type: string, id: string) =>
  `rtrim(translate(encode(convert_to('${type}:' || ${id}, 'UTF8'), 'base64'), '+/', '-_'), '=')`;
/** The database id behind a global id (base64url of `Type:id`). */
const dbId = (globalId: string) =>
  `split_part(convert_from(decode(rpad(translate(${globalId}, '-_', '+/'), ((length(${globalId}) + 3) / 4) * 4, '='), 'base64'), 'UTF8'), ':', 2)::int`;
/** An instant as the ISO string `Date.toISOString()` writes. */
const iso = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const KINDS = `('SHIFT_REMINDER', 'WAITLIST_PROMOTED', 'SHIFT_CANCELLED', 'AFFILIATION_REQUESTED', 'SUPERVISION_OVERDUE')`;
const SHIFT_KINDS = `('SHIFT_REMINDER', 'WAITLIST_PROMOTED', 'SHIFT_CANCELLED')`;

/**
 * Notifications become a kind plus data, worded by the reader's language: the facts the old
 * one-language title and body held move into `data` (from the rows they name where those still
 * exist, else from the text), then title and body go.
 */
export class Migration20261207183513_notification_kinds extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `update "notification" set "kind" = 'SUPERVISION_OVERDUE' where "kind" = 'pairing.supervision-overdue';`,
    );
    // No code ever wrote another kind; such a row could not be worded.
    this.addSql(`delete from "notification" where "kind" not in ${KINDS};`);
    this.addSql(`update "notification" set "data" = '{}' where "data" is null;`);

    // Facts of a shift, from the sign-up the dedupe key names (facts already in data win).
    this.addSql(
      `update "notification" n set "data" = jsonb_strip_nulls(jsonb_build_object(
         'shiftId', ${gid('Shift', 'sh.id')},
         'signupId', ${gid('Signup', 's.id')},
         'activityTitle', a.title,
         'startsAt', ${iso('sh.starts_at')},
         'location', case when n.kind = 'SHIFT_REMINDER' then a.location end,
         'reason', case when n.kind = 'SHIFT_CANCELLED' then coalesce(nullif(n.body, ''), sh.cancel_reason) end
       )) || n.data
       from "signup" s
       join "shift" sh on sh.id = s.shift_id
       join "activity" a on a.id = sh.activity_id
      where n.kind in ${SHIFT_KINDS}
        and s.id = substring(n.dedupe_key from ':signup:(\\d+)$')::int;`,
    );
    // Where the sign-up is gone: what the text said.
    this.addSql(
      `update "notification" set "data" = jsonb_strip_nulls(jsonb_build_object(
         'signupId', ${gid('Signup', `substring("dedupe_key" from ':signup:(\\d+)$')`)},
         'activityTitle', case "kind"
           when 'WAITLIST_PROMOTED' then regexp_replace("title", '^候补转正：', '')
           when 'SHIFT_CANCELLED' then regexp_replace("title", '^班次取消：', '')
           else substring("title" from '^班次提醒：(.*)，[^，]*开始$') end,
         'location', case when "kind" = 'SHIFT_REMINDER' then substring("body" from '\\(Beijing time\\) at (.*)\\.$') end,
         'reason', case when "kind" = 'SHIFT_CANCELLED' then "body" end
       )) || "data"
      where "kind" in ${SHIFT_KINDS} and "data"->>'activityTitle' is null;`,
    );

    // Affiliation requests: the name from the title; the unit is the liaison's; the volunteer
    // is the one of that unit with that name, when there is exactly one.
    this.addSql(
      `update "notification" set "data" = jsonb_build_object(
         'volunteerName', regexp_replace("title", ' 申请确认为本单位志愿者$', '')) || "data"
      where "kind" = 'AFFILIATION_REQUESTED';`,
    );
    this.addSql(
      `update "notification" n set "data" = jsonb_build_object(
         'unitId', ${gid('Unit', 'un.id')}, 'unitName', un.name) || n.data
       from "app_user" u join "unit" un on un.id = u.unit_id
      where n.kind = 'AFFILIATION_REQUESTED' and u.id = n.user_id;`,
    );
    this.addSql(
      `update "notification" n set "data" = jsonb_build_object('volunteerId', ${gid('Volunteer', 'v.id')}) || n.data
       from "app_user" u, "volunteer" v
      where n.kind = 'AFFILIATION_REQUESTED' and u.id = n.user_id
        and v.unit_id = u.unit_id and v.real_name = n.data->>'volunteerName'
        and (select count(*) from "volunteer" w
              where w.unit_id = u.unit_id and w.real_name = n.data->>'volunteerName') = 1;`,
    );

    // Supervision alerts: the pairing by its global id, the names from the body.
    this.addSql(
      `update "notification" set "data" = ("data" - 'days' - 'pairingId') || jsonb_strip_nulls(jsonb_build_object(
         'pairingId', case jsonb_typeof("data"->'pairingId')
           when 'number' then ${gid('Pairing', `("data"->>'pairingId')`)}
           else "data"->>'pairingId' end,
         'daysSinceContact', "data"->'days',
         'socialWorkerName', nullif(split_part("body", ' — ', 1), ''),
         'volunteerName', nullif(split_part("body", ' — ', 2), '')
       ))
      where "kind" = 'SUPERVISION_OVERDUE';`,
    );

    this.addSql(`alter table "notification" drop column "title", drop column "body";`);
    this.addSql(`alter table "notification" alter column "kind" type text using ("kind"::text);`);
    this.addSql(`alter table "notification" alter column "data" type jsonb using ("data"::jsonb);`);
    this.addSql(`alter table "notification" alter column "data" set not null;`);
    this.addSql(
      `alter table "notification" add constraint "notification_kind_check" check("kind" in ${KINDS});`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);
    this.addSql(
      `alter table "notification" add column "title" varchar(200) null, add column "body" text not null default '';`,
    );
    // One language again (Chinese titles, the body as it was written before).
    this.addSql(
      `update "notification" set
         "title" = left(case "kind"
           when 'SHIFT_REMINDER' then '班次提醒：' || coalesce("data"->>'activityTitle', '')
           when 'WAITLIST_PROMOTED' then '候补转正：' || coalesce("data"->>'activityTitle', '')
           when 'SHIFT_CANCELLED' then '班次取消：' || coalesce("data"->>'activityTitle', '')
           when 'AFFILIATION_REQUESTED' then coalesce("data"->>'volunteerName', '') || ' 申请确认为本单位志愿者'
           when 'SUPERVISION_OVERDUE' then '结对督导已 ' || coalesce("data"->>'daysSinceContact', '') || ' 天未记录 / No supervision for ' || coalesce("data"->>'daysSinceContact', '') || ' days'
           else "kind" end, 200),
         "body" = case "kind"
           when 'SHIFT_CANCELLED' then coalesce("data"->>'reason', '')
           when 'SUPERVISION_OVERDUE' then coalesce("data"->>'socialWorkerName', '') || ' — ' || coalesce("data"->>'volunteerName', '')
           else '' end;`,
    );
    this.addSql(
      `update "notification" set "kind" = 'pairing.supervision-overdue',
         "data" = ("data" - 'daysSinceContact' - 'pairingId') || jsonb_strip_nulls(jsonb_build_object(
           'days', "data"->'daysSinceContact',
           'pairingId', case when "data"->>'pairingId' is not null then to_jsonb(${dbId(`("data"->>'pairingId')`)}) end))
      where "kind" = 'SUPERVISION_OVERDUE';`,
    );
    this.addSql(`alter table "notification" alter column "title" set not null;`);
    this.addSql(
      `alter table "notification" alter column "kind" type varchar(40) using ("kind"::varchar(40));`,
    );
    this.addSql(`alter table "notification" alter column "data" drop not null;`);
  }
}
