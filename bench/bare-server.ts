import Fastify from 'fastify';

/** A bare Fastify route, the yardstick the platform's routes are compared with in the same run. */
const app = Fastify({ logger: false });
app.get('/', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
