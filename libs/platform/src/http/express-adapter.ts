import { createServer, IncomingMessage, type RequestListener, ServerResponse } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';

/** An Express application: a request listener holding the prototypes of its requests and responses. */
type ExpressApp = RequestListener & { request: object; response: object };

/**
 * Express's adapter with a server that creates requests and responses with Express's prototypes from the start.
 * Express otherwise gives each of them its prototype (`app.request`, `app.response`) with Object.setPrototypeOf,
 * after which V8 makes a map of its own for every property added to that object (by Express, the router, the request
 * log, the token check): each new map lives in the old generation until a full GC and keeps the young descriptor
 * array it was given alive through every scavenge. That was ~17 KB promoted per GET /eligibility and a scavenge of
 * 7-17 ms every 0.6 s at 200 req/s (issue 16.2). Node's own classes extended, then put in front of Express's
 * prototypes and made them: Express's setPrototypeOf to the prototype an object already has changes nothing
 * (expressjs/express#5998). A plain constructor function given a `prototype`, or Reflect.construct with it as
 * new.target, gives every instance a map of its own again.
 */
export class PrototypedExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    super.initHttpServer(options);
    // Nest's own server where it does more with it than create it: TLS, or tracking its connections.
    if (options.httpsOptions || options.forceCloseConnections) return;
    const app = this.getInstance<ExpressApp>();
    class ExpressRequest extends IncomingMessage {}
    class ExpressResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {}
    Object.setPrototypeOf(ExpressRequest.prototype, app.request);
    Object.setPrototypeOf(ExpressResponse.prototype, app.response);
    app.request = ExpressRequest.prototype;
    app.response = ExpressResponse.prototype;
    this.httpServer = createServer({ IncomingMessage: ExpressRequest, ServerResponse: ExpressResponse }, app);
  }
}
