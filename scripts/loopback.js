'use strict';
// Preload (node --require scripts/loopback.js …): every server that would listen on all
// interfaces (no host, 0.0.0.0 or ::) binds 127.0.0.1 instead. Used for the Agents Playground,
// which calls server.listen(port) with no host.
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const ANY = new Set([undefined, null, '', '0.0.0.0', '::', '[::]']);
const original = net.Server.prototype.listen;

net.Server.prototype.listen = function listen(...args) {
  const [first, second] = args;
  if (first !== null && typeof first === 'object' && !Array.isArray(first) && first.path === undefined && first.handle === undefined && first._handle === undefined && first.fd === undefined) {
    // listen({ port, host, ... }[, cb])
    if (ANY.has(first.host)) args[0] = { ...first, host: LOOPBACK };
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first)) || first === undefined || typeof first === 'function') {
    // listen([port][, host][, backlog][, cb]); a string that is not a number is a pipe path.
    if (typeof first === 'function' || first === undefined) args.splice(0, first === undefined ? 1 : 0, 0, LOOPBACK);
    else if (typeof second !== 'string' || ANY.has(second)) {
      if (typeof second === 'string' || second === undefined || second === null) args[1] = LOOPBACK;
      else args.splice(1, 0, LOOPBACK);
    }
  }
  return original.apply(this, args);
};
