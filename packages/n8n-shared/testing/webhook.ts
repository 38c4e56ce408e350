// Runs a webhook trigger node as n8n does: webhookMethods through n8n-core's HookContext on
// activation and deactivation, and each delivery through its WebhookContext, behind a real
// HTTP server on loopback that the simulator can post to.
import { HookContext, WebhookContext } from 'n8n-core';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INode, INodeExecutionData, INodeType, IWebhookData, IWorkflowExecuteAdditionalData, Workflow } from 'n8n-workflow';

export interface Delivery {
  status: number;
  body: string;
  /** The execution the delivery started, if any. */
  items?: INodeExecutionData[];
}

type ExpressLike = ServerResponse & { status(code: number): ExpressLike; json(body: unknown): ExpressLike; send(body: unknown): ExpressLike };

function expressResponse(res: ServerResponse): ExpressLike {
  const r = res as ExpressLike;
  r.status = (code) => {
    r.statusCode = code;
    return r;
  };
  r.json = (body) => {
    r.setHeader('Content-Type', 'application/json');
    r.end(JSON.stringify(body));
    return r;
  };
  r.send = (body) => {
    r.end(typeof body === 'string' ? body : JSON.stringify(body));
    return r;
  };
  return r;
}

/**
 * How the host hands over a request body, as n8n 2.41 does (webhook-helpers' parseRequestBody):
 * - `'read'`: the raw body is read for every content type (`rawBody`, a node of typeVersion 1),
 *   and parsed into `body` only for the types n8n parses (JSON here);
 * - `'on-demand'`: for a content type n8n does not parse (application/cloudevents+json) at a node
 *   of typeVersion 2 or later, nothing is read: no `rawBody`, only `readRawBody()` to read it.
 */
export type BodyHandling = 'read' | 'on-demand';

export async function startWebhookHost(setup: { workflow: Workflow; node: INode; type: INodeType; additionalData: () => IWorkflowExecuteAdditionalData; body?: BodyHandling }) {
  const { workflow, node, type } = setup;
  const deliveries: Delivery[] = [];
  const webhookDescription = type.description.webhooks![0]!;
  const handle = async (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    const additionalData = setup.additionalData();
    const request = req as IncomingMessage & { rawBody?: Buffer; readRawBody?: () => Promise<void>; body: unknown; query: IDataObject; params: IDataObject };
    const json = /^application\/json\b/i.test(req.headers['content-type'] ?? '');
    if (setup.body === 'on-demand' && !json) {
      request.readRawBody = async () => {
        request.rawBody = raw;
      };
      request.body = {};
    } else {
      request.rawBody = raw;
      try {
        request.body = json ? JSON.parse(raw.toString('utf8')) : {};
      } catch {
        request.body = {};
      }
    }
    request.query = {};
    request.params = {};
    additionalData.httpRequest = request as never;
    additionalData.httpResponse = expressResponse(res) as never;
    const ctx = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData(additionalData), [], null);
    const delivery: Delivery = { status: 0, body: '' };
    deliveries.push(delivery);
    const nodeData = workflow.getStaticData('node', node);
    const before = JSON.stringify(nodeData);
    const out = await type.webhook!.call(ctx);
    if (out.workflowData) {
      delivery.items = out.workflowData[0] ?? [];
      // As n8n 2.41 does: static-data writes made by webhook() are not saved when the delivery
      // starts an execution (the runner clears the changed flag before the save). Drop them here too.
      for (const key of Object.keys(nodeData)) delete nodeData[key];
      Object.assign(nodeData, JSON.parse(before) as IDataObject);
    }
    if (!out.noWebhookResponse && !res.writableEnded) {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(out.webhookResponse ?? { message: 'Workflow was started' }));
    }
  };
  const webhookData = (additionalData: IWorkflowExecuteAdditionalData): IWebhookData => ({
    httpMethod: 'POST',
    node: node.name,
    path: String(webhookDescription.path),
    webhookDescription,
    workflowId: workflow.id,
    workflowExecuteAdditionalData: additionalData,
    isTest: false,
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const original = res.end.bind(res);
      const record = deliveries.length;
      res.end = ((...args: Parameters<typeof original>) => {
        const d = deliveries[record];
        if (d) {
          d.status = res.statusCode;
          d.body = typeof args[0] === 'string' ? args[0] : '';
        }
        return original(...args);
      }) as typeof res.end;
      handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        res.statusCode = 500;
        original(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  const hook = (activation: 'activate' | 'manual') => {
    const additionalData = setup.additionalData();
    additionalData.webhookBaseUrl = base;
    return new HookContext(workflow, node, additionalData, 'trigger', activation, webhookData(additionalData));
  };
  const methods = type.webhookMethods!.default!;
  return {
    deliveries,
    baseUrl: base,
    /** As n8n activates a workflow: create the subscription unless it exists. */
    async activate(): Promise<void> {
      if (!(await methods.checkExists!.call(hook('activate')))) await methods.create!.call(hook('activate'));
    },
    async checkExists(): Promise<boolean> {
      return methods.checkExists!.call(hook('activate'));
    },
    async deactivate(): Promise<void> {
      await methods.delete!.call(hook('activate'));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
