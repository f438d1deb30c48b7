import type { Container, JSONObject, OperationInput, OperationResponse } from '@azure/cosmos';
import { StoreDeadlineError } from './httpClient';
import { activeTurn, outsideTurn, withStoreDeadline } from '../../kernel/turnScope';

/** What one point operation gives back: the document and its ETag, or null when a read found nothing. */
export interface PointResult {
  resource: JSONObject;
  etag: string;
}

export type PointOp = { kind: 'read'; id: string; pk: string } | { kind: 'create'; pk: string; body: JSONObject } | { kind: 'replace'; id: string; pk: string; body: JSONObject; ifMatch: string };

interface Pending {
  op: PointOp;
  /** The store deadline of the turn waiting (epoch ms); none for background work. */
  deadline: number | undefined;
  resolve: (r: PointResult | null) => void;
  reject: (err: unknown) => void;
}

/** The SDK sends at most this many operations in one batch request. */
const MAX_BATCH = 100;

/** An answer the store gave for one operation, thrown like the SDK's own (code = HTTP status). */
class PointOpError extends Error {
  override name = 'PointOpError';
  constructor(readonly code: number) {
    super(`store answered ${code}`);
  }
}

/**
 * Point reads and writes of one container, sent together when they arrive together. One
 * operation on its own goes as the usual point request; while one request is on its way, the
 * operations that arrive meanwhile wait and then go as one bulk request (up to 100). Under a
 * burst of clicks a hundred people's reads and writes then cost one round trip instead of a
 * hundred, on the bot's thread and on the store's; the store's answer per operation is the
 * same as for a point request (a missing document, 409, 412). Reads of the same document in
 * one batch share one operation; each caller parses its own copy.
 *
 * Throttling (429) and server errors of one operation are not retried in bulk: that operation
 * is sent again on its own, under the SDK's retry policy.
 */
class Batcher {
  private pending: Pending[] = [];
  private running = false;

  constructor(private readonly container: Container) {}

  submit(op: PointOp): Promise<PointResult | null> {
    const deadline = activeTurn()?.storeDeadline;
    return new Promise((resolve, reject) => {
      this.pending.push({ op, deadline, resolve, reject });
      // Operations of the same moment (one poll of the event loop) join before anything is sent.
      if (!this.running) {
        this.running = true;
        outsideTurn(() => setImmediate(() => void this.drain()));
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const now = Date.now();
        const batch: Pending[] = [];
        for (const p of this.pending.splice(0, MAX_BATCH)) {
          // A turn whose deadline passed while it waited is answered "try again"; nothing of it was sent.
          if (p.deadline !== undefined && p.deadline <= now) p.reject(new StoreDeadlineError());
          else batch.push(p);
        }
        if (batch.length === 0) continue;
        const deadlines = batch.map((b) => b.deadline);
        // As long as the most patient of its turns may wait; background work, as long as the SDK allows.
        const deadline = deadlines.every((d) => d !== undefined) ? Math.max(...deadlines) : undefined;
        await withStoreDeadline(deadline, () => (batch.length === 1 ? this.one(batch[0] as Pending) : this.many(batch)));
      }
    } finally {
      this.running = false;
    }
  }

  private async one(p: Pending): Promise<void> {
    try {
      p.resolve(await pointRequest(this.container, p.op));
    } catch (err) {
      p.reject(err);
    }
  }

  private async many(batch: Pending[]): Promise<void> {
    // Reads of one document share an operation.
    const inputs: OperationInput[] = [];
    const slot = new Map<string, number>();
    const slots = batch.map((p) => {
      const key = p.op.kind === 'read' ? `${p.op.pk}\u0000${p.op.id}` : undefined;
      const seen = key === undefined ? undefined : slot.get(key);
      if (seen !== undefined) return seen;
      inputs.push(operationInput(p.op));
      if (key !== undefined) slot.set(key, inputs.length - 1);
      return inputs.length - 1;
    });
    let responses: OperationResponse[];
    try {
      responses = await this.container.items.bulk(inputs, { continueOnError: true });
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    const retry: Pending[] = [];
    batch.forEach((p, i) => {
      const r = responses[slots[i] as number];
      const status = r?.statusCode ?? 500;
      if (status === 429 || status === 449 || status >= 500) retry.push(p);
      else settle(p, status, r);
    });
    // Sent again on their own, each with its own deadline and the SDK's retries.
    await Promise.all(retry.map((p) => withStoreDeadline(p.deadline, () => this.one(p))));
  }
}

function settle(p: Pending, status: number, r: OperationResponse | undefined): void {
  if (status >= 200 && status < 300 && r?.resourceBody) p.resolve({ resource: r.resourceBody, etag: r.eTag ?? '' });
  else if (status === 404 && p.op.kind === 'read') p.resolve(null);
  else p.reject(new PointOpError(status));
}

function operationInput(op: PointOp): OperationInput {
  switch (op.kind) {
    case 'read':
      return { operationType: 'Read', id: op.id, partitionKey: op.pk };
    case 'create':
      return { operationType: 'Create', partitionKey: op.pk, resourceBody: op.body };
    case 'replace':
      return { operationType: 'Replace', id: op.id, partitionKey: op.pk, resourceBody: op.body, ifMatch: op.ifMatch };
  }
}

async function pointRequest(container: Container, op: PointOp): Promise<PointResult | null> {
  switch (op.kind) {
    case 'read': {
      try {
        const { resource, etag } = await container.item(op.id, op.pk).read<JSONObject>();
        return resource ? { resource, etag } : null;
      } catch (err) {
        if ((err as { code?: unknown }).code === 404) return null;
        throw err;
      }
    }
    case 'create': {
      const { resource, etag } = await container.items.create(op.body);
      return { resource: resource ?? op.body, etag };
    }
    case 'replace': {
      const { resource, etag } = await container.item(op.id, op.pk).replace(op.body, { accessCondition: { type: 'IfMatch', condition: op.ifMatch } });
      return { resource: resource ?? op.body, etag };
    }
  }
}

const batchers = new WeakMap<Container, Batcher>();

/**
 * A point operation on `container`, batched with the others of the same moment. Rejects like
 * the SDK: an error whose `code` is the HTTP status (409, 412 …), or the transport's error.
 */
export function pointOp(container: Container, op: PointOp): Promise<PointResult | null> {
  let b = batchers.get(container);
  if (!b) {
    b = new Batcher(container);
    batchers.set(container, b);
  }
  return b.submit(op);
}
