/**
 * The browser side of the playground: a stand-in for the `google.script.run` and
 * `google.script.host` that Apps Script gives an HtmlService page. It is injected into
 * dist/till.html before the page's own script, so the page runs unchanged.
 *
 * Like the real one:
 * - `run` is chainable (withSuccessHandler, withFailureHandler, withUserObject) and any other
 *   name is a server function, called asynchronously, returning nothing;
 * - the success handler gets (result, userObject), the failure handler (Error, userObject);
 * - arguments must be primitives, plain objects and arrays: a Date or a function fails the call;
 * - a call with no failure handler that fails is only logged to the console.
 * Each call is a POST of JSON {args} to /api/<name>; a non-200 answer or a network error goes
 * to the failure handler as an Error with the server's message.
 */

export const SHIM_SCRIPT = `(function () {
  'use strict';
  function illegal(value, path) {
    if (value === null || value === undefined) return null;
    var type = typeof value;
    if (type === 'string' || type === 'number' || type === 'boolean') return null;
    if (Array.isArray(value)) {
      for (var i = 0; i < value.length; i++) {
        var a = illegal(value[i], path + '[' + i + ']');
        if (a) return a;
      }
      return null;
    }
    if (type === 'object') {
      var proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return path;
      var keys = Object.keys(value);
      for (var k = 0; k < keys.length; k++) {
        var b = illegal(value[keys[k]], path + '.' + keys[k]);
        if (b) return b;
      }
      return null;
    }
    return path;
  }
  function call(name, args, handlers) {
    function fail(error) {
      if (handlers.failure) handlers.failure(error, handlers.userObject);
      else console.error('google.script.run.' + name + ' failed with no failure handler:', error);
    }
    for (var i = 0; i < args.length; i++) {
      var bad = illegal(args[i], 'args[' + i + ']');
      if (bad) {
        setTimeout(function () {
          fail(new Error('Failed due to illegal value in property: ' + bad +
            ' (google.script.run passes only primitives, plain objects and arrays: send a Date as an ISO string)'));
        }, 0);
        return;
      }
    }
    fetch('/api/' + encodeURIComponent(name), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ args: args }),
    }).then(
      function (response) {
        return response.text().then(function (text) {
          var body = null;
          try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
          if (response.status === 200) {
            if (handlers.success) handlers.success(body, handlers.userObject);
            return;
          }
          var message = body && typeof body.message === 'string' ? body.message : 'HTTP ' + response.status;
          fail(new Error(message));
        });
      },
      function () {
        fail(new Error('NetworkError: Connection failure due to HTTP 0'));
      }
    );
  }
  function runner(handlers) {
    return new Proxy({}, {
      get: function (_target, name) {
        if (typeof name !== 'string' || name === 'then' || name === 'toJSON') return undefined;
        if (name === 'withSuccessHandler') return function (fn) { return runner(Object.assign({}, handlers, { success: fn })); };
        if (name === 'withFailureHandler') return function (fn) { return runner(Object.assign({}, handlers, { failure: fn })); };
        if (name === 'withUserObject') return function (o) { return runner(Object.assign({}, handlers, { userObject: o })); };
        return function () { call(name, Array.prototype.slice.call(arguments), handlers); };
      },
    });
  }
  var host = {
    origin: location.origin,
    close: function () {
      document.body.innerHTML = '<p style="font:14px sans-serif;padding:16px">The sidebar was closed ' +
        '(google.script.host.close). <a href="/">Open it again</a>.</p>';
    },
    setHeight: function () {},
    setWidth: function () {},
    editor: { focus: function () {} },
  };
  window.google = window.google || {};
  window.google.script = { run: runner({}), host: host };
})();`;

/**
 * The page with the shim in a <script> placed before the page's first script (or at the end of
 * <head> when the page has none), so `google.script.run` exists when the page's code starts.
 */
export function injectShim(html: string): string {
  const tag = `<script>/* Shop Ledger playground: google.script.run over HTTP */\n${SHIM_SCRIPT}\n</script>\n`;
  const firstScript = html.search(/<script[\s>]/i);
  if (firstScript >= 0) return html.slice(0, firstScript) + tag + html.slice(firstScript);
  const headEnd = html.search(/<\/head>/i);
  if (headEnd >= 0) return html.slice(0, headEnd) + tag + html.slice(headEnd);
  return tag + html;
}
