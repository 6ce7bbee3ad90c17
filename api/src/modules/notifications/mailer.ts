// Outgoing e-mail through nodemailer: SMTP from SMTP_URL, sent from MAIL_FROM. Without SMTP_URL
// there is no mailer and people get in-app notifications only.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.js';

export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  /** Sends one message from the configured sender; rejects when the server refuses it. */
  send(message: MailMessage): Promise<{ messageId: string }>;
  /** Closes pooled connections (a no-op for plain SMTP). */
  close(): void;
}

/** A mailer over any nodemailer transport (tests pass `jsonTransport` or `streamTransport`). */
export function mailerOver(transporter: Transporter, from: string): Mailer {
  return {
    async send(message) {
      const info = (await transporter.sendMail({ from, ...message })) as { messageId: string };
      return { messageId: info.messageId };
    },
    close() {
      transporter.close();
    },
  };
}

/** The mailer for `config`, or null when SMTP is not configured. */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer | null {
  if (!config.smtpUrl) return null;
  return mailerOver(nodemailer.createTransport(config.smtpUrl), config.mailFrom);
}
