// English. Typed as Messages, so a key missing here (or not in zh-CN) fails the typecheck.
import type { Messages } from './zh-CN';

export const en: Messages = {
  app: {
    name: '共建 Gongjian',
    nameLatin: 'Gongjian',
    district: 'Qingshan Sub-district',
    skipToContent: 'Skip to main content',
  },
  language: {
    label: 'Language',
    zh: '中文',
    en: 'English',
  },
  role: {
    STREET_ADMIN: 'Sub-district administrator',
    COMMUNITY_STAFF: 'Community worker',
    UNIT_LIAISON: 'Resident unit liaison',
    SOCIAL_WORKER: 'Social worker',
    VOLUNTEER: 'Volunteer',
  },
  header: {
    account: 'Signed in as',
    logout: 'Sign out',
  },
  login: {
    title: 'Sign in',
    heading: 'Sign in to Gongjian',
    intro: 'Co-building, volunteer service and social-worker pairing for Qingshan Sub-district.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    failed: 'Sign-in did not succeed. Please check and try again.',
  },
  errorCode: {
    INVALID_CREDENTIALS: 'The username or password is incorrect.',
    RATE_LIMITED: 'Too many sign-in attempts. Please wait a few minutes and try again.',
    REQUIRED: 'Please fill in this field.',
    UNAUTHENTICATED: 'Your session has expired. Please sign in again.',
  },
  communities: {
    title: 'Communities',
    heading: 'Communities',
    intro:
      'Households, residents, grids and resident units of each community, and its community workers against the provincial standard.',
    caption: 'Communities of Qingshan Sub-district',
    standard:
      'Provincial standard: one community worker per 300–400 households, normally 5–9 per community; above 3,000 households, one more per additional 500. A grid should hold 200–300 households.',
    empty: 'No communities yet.',
    total: 'Total',
    columns: {
      community: 'Community',
      households: 'Households',
      residents: 'Residents',
      grids: 'Grids',
      units: 'Resident units',
      workers: 'Community workers (recorded / standard)',
      gridsOver400: 'Grids over 400 households',
    },
    workersRecorded: '{{actual}} recorded',
    workersRequired: '{{min}}–{{max}} required',
    workersRequiredExact: '{{n}} required',
    understaffed: 'Understaffed',
    shortBy: '{{shortfall}} short',
    staffed: 'Meets standard',
    notVisible: 'Visible to the sub-district office and this community’s staff only',
    understaffedCommunities: 'Communities understaffed: {{n}}',
  },
  error: {
    heading: 'This page cannot be shown right now',
    generic: 'Something went wrong on our side and it has been logged. Please try again later.',
    notFound: 'We could not find this page. The link may be out of date.',
    forbidden: 'You do not have permission to see this page.',
    unavailable: 'The service is temporarily unavailable. Please try again later.',
    backHome: 'Back to the start page',
  },
};
