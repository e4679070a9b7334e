// The local push service in its own process for bench/push.ts, so its CPU (TLS, HTTP/2, VAPID checks, decrypting
// every message) is not counted as the sender's. Driven over IPC.
import { startPushService } from '../server/test/push-service.js';

type Command =
  | { id: number; cmd: 'subscribe'; n: number }
  | { id: number; cmd: 'stats' | 'reset' | 'verify' | 'close' };

// BENCH_PUSH_DECRYPT=inline decrypts every message before answering it; by default bodies are decrypted (every
// one of them) after each sender's run.
const decrypt = process.env.BENCH_PUSH_DECRYPT === 'inline' ? 'inline' : 'deferred';
const service = await startPushService({ record: false, decrypt });
const reply = (id: number, data: unknown) => process.send?.({ id, data });

process.on('message', async (m: Command) => {
  switch (m.cmd) {
    case 'subscribe': {
      const subs = Array.from({ length: m.n }, () => {
        const s = service.subscribe();
        return { endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth };
      });
      return reply(m.id, subs);
    }
    case 'stats': {
      let accepted = 0;
      let most = 0;
      for (const n of service.counts.values()) {
        accepted += n;
        most = Math.max(most, n);
      }
      const cpu = process.cpuUsage();
      const refused = service.refused.length;
      return reply(m.id, {
        accepted,
        most,
        refused,
        tokens: service.tokensVerified(),
        cpuS: (cpu.user + cpu.system) / 1e6,
      });
    }
    case 'verify': {
      const started = performance.now();
      const { decrypted, failed } = service.verifyDeferred();
      return reply(m.id, {
        decrypted,
        failed: failed.length,
        firstFailure: failed[0]?.reason,
        mode: decrypt,
        seconds: (performance.now() - started) / 1000,
      });
    }
    case 'reset':
      service.counts.clear();
      service.refused.length = 0;
      return reply(m.id, null);
    case 'close':
      await service.close();
      reply(m.id, null);
      return process.exit(0);
  }
});
// The bench died or finished: do not linger.
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: { origin: service.origin, cert: service.cert } });
