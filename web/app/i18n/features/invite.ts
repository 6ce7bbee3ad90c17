// Messages of the invitation page (a unit liaison takes up their account) and of inviting from
// the unit directory: zh-CN first; English has the same shape.
import type { WithEnglishPlurals } from '../plural';

export const inviteZh = {
  title: '联络员账号开通',
  heading: '开通联络员账号',
  intro:
    '{{unit}} 邀请你（{{name}}）担任单位联络员。设置用户名和密码后即可登录，登记和报告本单位的共建承诺。',
  username: '用户名',
  usernameHint: '已为你分配用户名，可以保留，也可以改成好记的。3–32 位，可用字母、数字以及 . _ -',
  password: '密码',
  passwordHint: '至少 8 位。',
  passwordAgain: '再次输入密码',
  passwordMismatch: '两次输入的密码不一致。',
  submit: '开通账号并登录',
  submitting: '正在开通…',
  usedHeading: '邀请链接已使用',
  used: '这个邀请链接已经用过了，账号已开通。请用你设置的用户名和密码登录。',
  expiredHeading: '邀请链接已过期',
  expired: '这个邀请链接已过期。请联系你所在社区的工作人员重新发送邀请。',
  invalidHeading: '邀请链接无效',
  invalid: '这个邀请链接无效，可能已被新的链接取代或复制不完整。请联系社区工作人员重新发送邀请。',
  toLogin: '去登录',
};

export const inviteEn: WithEnglishPlurals<typeof inviteZh> = {
  title: 'Liaison account',
  heading: 'Set up your liaison account',
  intro:
    '{{unit}} has invited you ({{name}}) to act as its liaison. Choose a username and password to sign in and keep track of your unit’s co-building commitments.',
  username: 'Username',
  usernameHint:
    'A username has been assigned to you: keep it or choose one easier to remember. 3–32 characters: letters, digits and . _ -',
  password: 'Password',
  passwordHint: 'At least 8 characters.',
  passwordAgain: 'Password again',
  passwordMismatch: 'The two passwords are not the same.',
  submit: 'Set up the account and sign in',
  submitting: 'Setting up…',
  usedHeading: 'Invitation already used',
  used: 'This invitation link has already been used and the account is set up. Sign in with the username and password you chose.',
  expiredHeading: 'Invitation expired',
  expired: 'This invitation link has expired. Ask the staff of your community to send a new one.',
  invalidHeading: 'Invitation not valid',
  invalid:
    'This invitation link is not valid: it may have been replaced by a newer one or copied incompletely. Ask the staff of your community to send a new one.',
  toLogin: 'Sign in',
};
