import net from 'node:net';
import nodemailer from 'nodemailer';
import { describe, expect, it, vi } from 'vitest';
import { createMailer, mailerOver } from './mailer.js';

const FROM = 'Gongjian 共建 <no-reply@gongjian.example>';

/** A minimal SMTP server that accepts everything and keeps the messages. */
async function fakeSmtpServer() {
  const messages: { from: string; to: string[]; data: string }[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [] as string[], data: '' };
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          messages.push(current);
          current = { from: '', to: [], data: '' };
          inData = false;
          socket.write('250 OK queued\r\n');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 fake\r\n');
        else if (verb === 'MAIL') {
          current.from = line;
          socket.write('250 OK\r\n');
        } else if (verb === 'RCPT') {
          current.to.push(line);
          socket.write('250 OK\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n');
          return;
        } else socket.write('250 OK\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, messages, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('mailer', () => {
  it('is off without SMTP_URL', () => {
    expect(createMailer({ smtpUrl: undefined, mailFrom: FROM })).toBeNull();
  });

  it('builds a message from MAIL_FROM with Chinese text (JSON transport)', async () => {
    const transporter = nodemailer.createTransport({ jsonTransport: true });
    const sendMail = vi.spyOn(transporter, 'sendMail');
    const mailer = mailerOver(transporter, FROM);
    const { messageId } = await mailer.send({
      to: 'volunteer@example.com',
      subject: '班次提醒：社区清洁',
      text: '您报名的班次将于 09:00 开始。',
    });
    expect(messageId).toBeTruthy();
    const info = (await sendMail.mock.results[0]!.value) as { message: string };
    const message = JSON.parse(info.message);
    expect(message).toMatchObject({
      from: { address: 'no-reply@gongjian.example', name: 'Gongjian 共建' },
      to: [{ address: 'volunteer@example.com' }],
      subject: '班次提醒：社区清洁',
      text: '您报名的班次将于 09:00 开始。',
    });
  });

  it('sends over SMTP from SMTP_URL', async () => {
    const server = await fakeSmtpServer();
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${server.port}`,
      mailFrom: FROM,
    })!;
    try {
      await mailer.send({ to: 'a@example.com', subject: '提醒 Reminder', text: '你好 hello' });
      expect(server.messages).toHaveLength(1);
      const [message] = server.messages;
      expect(message!.from).toContain('<no-reply@gongjian.example>');
      expect(message!.to).toEqual(['RCPT TO:<a@example.com>']);
      expect(message!.data).toMatch(/^Subject: =\?UTF-8\?/m);
      expect(message!.data).toMatch(/^From: =\?UTF-8\?.*<no-reply@gongjian\.example>/m);
    } finally {
      mailer.close();
      await server.close();
    }
  });
});
