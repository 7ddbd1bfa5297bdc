import { Body, Controller, INestApplication, Module, Post } from '@nestjs/common';
import { IsString } from 'class-validator';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import pino from 'pino';
import { AuthModule, mintToken, Public, Roles } from '@motcua/auth';
import { createServiceApp } from '../src/service-app';

class NoteDto {
  @IsString()
  text!: string;
}

@Controller('notes')
class NotesController {
  @Post()
  @Roles('clerk')
  create(@Body() body: NoteDto) {
    return { text: body.text };
  }

  @Post('public')
  @Public()
  createPublic(@Body() body: NoteDto) {
    return { text: body.text };
  }
}

/** A request without a valid token is refused before its body is read; public routes still parse theirs. */
describe('JSON bodies are parsed after authentication', () => {
  let app: INestApplication;
  let url: string;
  let token: string;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const issuer = 'body-after-auth-test';
    @Module({
      imports: [AuthModule.forRoot({ publicKeyPem: await exportSPKI(publicKey), issuer })],
      controllers: [NotesController],
    })
    class TestModule {}
    app = await createServiceApp(TestModule, {
      serviceName: 'body-after-auth-test',
      title: 't',
      description: 't',
      logger: pino({ level: 'silent' }),
      swagger: false,
      jsonLimit: '1kb',
    });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    token = await mintToken({
      privateKeyPem: await exportPKCS8(privateKey),
      issuer,
      sub: 'clerk-1',
      roles: ['clerk'],
      agency: '000.00.12.H49',
    });
  });

  afterAll(() => app?.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  async function problem(response: Response) {
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await response.json()) as { status: number; type: string };
  }

  it('answers 401, not 400, to malformed JSON without a token', async () => {
    const response = await post('/notes', '{"text":');
    expect(response.status).toBe(401);
    expect((await problem(response)).status).toBe(401);
  });

  it('answers 401 to an oversized body without a token, and to a forged token', async () => {
    expect((await post('/notes', JSON.stringify({ text: 'x'.repeat(5000) }))).status).toBe(401);
    const forged = await post('/notes', '{"text":', { authorization: `Bearer ${token.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
  });

  it('with a valid token, malformed JSON is a 400, too large a 413, and good JSON goes through', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const malformed = await post('/notes', '{"text":', auth);
    expect(malformed.status).toBe(400);
    expect((await problem(malformed)).type).toBe('urn:motcua:problem:malformed-json');
    expect((await post('/notes', JSON.stringify({ text: 'x'.repeat(5000) }), auth)).status).toBe(413);
    const ok = await post('/notes', JSON.stringify({ text: 'hello' }), auth);
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ text: 'hello' });
  });

  it('parses the body of a public route without a token', async () => {
    expect((await post('/notes/public', '{"text":')).status).toBe(400);
    const ok = await post('/notes/public', JSON.stringify({ text: 'hi' }));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ text: 'hi' });
  });
});
