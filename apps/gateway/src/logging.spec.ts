import { Writable } from 'node:stream';
import { createLogger } from './logging';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, sink };
}

describe('createLogger', () => {
  it("logs an error with pino's serializer: type, message and stack", () => {
    const { lines, sink } = capture();

    createLogger('info', sink).error({ err: new TypeError('boom') }, 'failed');

    expect(lines[0]).toMatchObject({ msg: 'failed', err: { type: 'TypeError', message: 'boom', stack: expect.stringContaining('logging.spec.ts') } });
  });

  it('never writes a password, token, secret or Authorization header', () => {
    const { lines, sink } = capture();

    createLogger('info', sink).info(
      { input: { email: 'a@example.test', password: 'hunter2' }, session: { accessToken: 'a.b.c', refreshToken: 'r' }, key: { secret: 'dcnt_x' }, req: { headers: { authorization: 'Bearer t', cookie: 'c' } } },
      'request',
    );

    const line = JSON.stringify(lines[0]);
    expect(line).toContain('a@example.test');
    for (const secret of ['hunter2', 'a.b.c', '"r"', 'dcnt_x', 'Bearer t', '"c"']) expect(line).not.toContain(secret);
  });
});
