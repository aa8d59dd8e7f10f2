// The assertion the Node suites share (errors, messaging, attacks): a call must throw a
// QianmingError of a given kind.
import assert from 'node:assert/strict';
import * as q from 'qianming';

/** `fn` must throw a `QianmingError` of `kind`, with the kind's code and a message. */
export function throwsKind(fn, kind) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, 'an Error');
    assert.equal(e.name, 'QianmingError');
    assert.equal(e.kind, kind);
    assert.equal(e.code, q.errorKinds().indexOf(kind) + 1);
    assert.ok(e.message.length > 0);
    return true;
  });
}
