/**
 * A TCP proxy that delays every chunk by DELAY_MS each way, in order: a database on another machine,
 * for the load scripts on one machine (where `tc netem` is not always there). Usage:
 *
 *   PROXY_PORT=55002 TARGET=127.0.0.1:55001 DELAY_MS=1 node --import tsx server/bench/latency-proxy.ts
 *
 * then point DATABASE_URL at the proxy's port. A chunk leaves DELAY_MS after it came, whatever came
 * before it (a fixed latency, not a bandwidth limit), so a round trip costs 2 × DELAY_MS more.
 */
import net from "node:net";

const PORT = Number(process.env.PROXY_PORT ?? 55002);
const [HOST, TARGET_PORT] = (process.env.TARGET ?? "127.0.0.1:55001").split(":") as [string, string];
const DELAY_MS = Number(process.env.DELAY_MS ?? 1);

/** Forwards `from` to `to`, each chunk DELAY_MS late; timers of equal delay fire in the order they were set. */
function delayed(from: net.Socket, to: net.Socket): void {
  from.on("data", (chunk) => setTimeout(() => to.write(chunk), DELAY_MS));
  from.on("end", () => setTimeout(() => to.end(), DELAY_MS));
  from.on("error", () => to.destroy());
}

net
  .createServer((client) => {
    client.setNoDelay(true);
    const upstream = net.connect(Number(TARGET_PORT), HOST);
    upstream.setNoDelay(true);
    delayed(client, upstream);
    delayed(upstream, client);
  })
  .listen(PORT, () => console.error(`latency proxy :${PORT} → ${HOST}:${TARGET_PORT}, ${DELAY_MS} ms each way`));
