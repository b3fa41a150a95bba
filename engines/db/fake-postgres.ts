import { createServer, type Socket } from 'node:net';

// Just enough of PostgreSQL's wire protocol (v3, no TLS, no password) to put the driver in the states
// a real server reaches only by failing: a server that accepts and never answers, one that stops
// answering queries, and one that ends connections the way pg_terminate_backend does. Loopback only.

export interface FakePostgresOptions {
  /** Complete the startup handshake; false leaves every connection attempt waiting. */
  answerStartup: boolean;
  /** Answer each simple query with an empty result; false leaves every query waiting. */
  answerQueries: boolean;
  /** A query whose text contains this is never answered, nor is anything sent after it. */
  stallOn?: string;
}

export interface FakePostgres {
  url: string;
  /** Connections accepted so far. */
  connections(): number;
  /** Ends every open connection with the FATAL error PostgreSQL sends to a terminated backend. */
  terminateAll(): void;
  close(): Promise<void>;
}

export async function startFakePostgres(options: FakePostgresOptions): Promise<FakePostgres> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = Buffer.alloc(0);
    let started = false;
    let stalled = false;
    // What ReadyForQuery reports: idle, or inside a transaction block.
    let status: 'I' | 'T' = 'I';
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        // The startup message has no type byte; every later message starts with one.
        const headerLength = started ? 5 : 4;
        if (buffer.length < headerLength) return;
        const length = buffer.readInt32BE(started ? 1 : 0) + (started ? 1 : 0);
        if (buffer.length < length) return;
        const type = started ? String.fromCharCode(buffer[0]!) : 'startup';
        const body = buffer.subarray(headerLength, length).toString('utf8');
        buffer = buffer.subarray(length);
        if (type === 'startup') {
          started = true;
          if (options.answerStartup) socket.write(Buffer.concat([message('R', int32(0)), readyForQuery(status)]));
        } else if (type === 'Q' && options.answerQueries && !stalled) {
          stalled = options.stallOn !== undefined && body.includes(options.stallOn);
          if (stalled) continue;
          if (/^\s*begin/i.test(body)) status = 'T';
          if (/^\s*(commit|rollback)/i.test(body)) status = 'I';
          socket.write(Buffer.concat([message('C', cString('SELECT 0')), readyForQuery(status)]));
        } else if (type === 'X') {
          socket.end();
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake PostgreSQL did not get a port');
  return {
    url: `postgres://kairo@127.0.0.1:${address.port}/kairo`,
    connections: () => accepted,
    terminateAll: () => {
      for (const socket of sockets) socket.end(terminationError());
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function message(type: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}

function cString(text: string): Buffer {
  return Buffer.from(`${text}\0`);
}

function readyForQuery(status: 'I' | 'T'): Buffer {
  return message('Z', Buffer.from(status));
}

function terminationError(): Buffer {
  const fields = [
    ['S', 'FATAL'],
    ['V', 'FATAL'],
    ['C', '57P01'],
    ['M', 'terminating connection due to administrator command'],
  ].map(([code, text]) => Buffer.concat([Buffer.from(code!), cString(text!)]));
  return message('E', Buffer.concat([...fields, Buffer.from([0])]));
}
