import { afterAll, describe, expect, it } from 'vitest';
import { RegistrationHttpError } from '../../src/registration/registrationErrors.ts';
import type { RegistrationJob } from '../../src/registration/registrationMessages.ts';
import { RegistrationRunner } from '../../src/registration/RegistrationRunner.ts';

const notDicom = (role: 'fixed' | 'moving', bytes: Uint8Array) => ({ role, seriesInstanceUid: '1.2.3', files: [{ name: '1.2.3.1', bytes }] });

describe('RegistrationRunner', () => {
  const runner = new RegistrationRunner();
  afterAll(() => runner.close());

  it('transfers the instance bytes to the worker (detached here) and answers a catalog error from it', async () => {
    const fixed = new Uint8Array(4096).fill(7);
    const moving = new Uint8Array(4096).fill(9);
    const job: RegistrationJob = { fixed: notDicom('fixed', fixed), moving: notDicom('moving', moving), mode: 'rigid' };
    const answer = runner.run(job);
    expect(fixed.byteLength, 'transferred, not copied').toBe(0);
    expect(moving.byteLength).toBe(0);
    const error = await answer.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RegistrationHttpError);
    expect(error).toMatchObject({ code: 'VOXA_HTTP_NOT_ONE_VOLUME', statusCode: 422 });
    expect((error as Error).message).toMatch(/^The series is not one 3D volume: fixed series 1\.2\.3 has no image instances that form a volume/);
  });

  it('copies a view into a larger buffer before transferring it, leaving that buffer intact', async () => {
    const shared = new Uint8Array(8192);
    const view = shared.subarray(1024, 2048);
    const job: RegistrationJob = { fixed: notDicom('fixed', view), moving: notDicom('moving', new Uint8Array(16)), mode: 'rigid' };
    const answer = runner.run(job).catch((e: unknown) => e);
    expect(shared.byteLength).toBe(8192);
    expect(view.byteLength).toBe(1024);
    expect(await answer).toMatchObject({ code: 'VOXA_HTTP_NOT_ONE_VOLUME' });
  });

  it('runs queued jobs one after another, each with its own answer', async () => {
    const job = (uid: string): RegistrationJob => ({
      fixed: { role: 'fixed', seriesInstanceUid: uid, files: [{ name: `${uid}.1`, bytes: new Uint8Array(64) }] },
      moving: notDicom('moving', new Uint8Array(64)),
      mode: 'rigid',
    });
    const answers = ['1.2.31', '1.2.32'].map((uid) => runner.run(job(uid)).catch((e: unknown) => (e as Error).message));
    expect(runner.queued).toBe(1);
    const [first, second] = await Promise.all(answers);
    expect(first).toMatch(/fixed series 1\.2\.31 has no image instances/);
    expect(second).toMatch(/fixed series 1\.2\.32 has no image instances/);
  });

  it('refuses jobs once closed', async () => {
    const closed = new RegistrationRunner();
    await closed.close();
    await expect(closed.run({ fixed: notDicom('fixed', new Uint8Array(1)), moving: notDicom('moving', new Uint8Array(1)), mode: 'rigid' })).rejects.toMatchObject({ code: 'VOXA_HTTP_REGISTRATION_FAILED' });
  });
});
