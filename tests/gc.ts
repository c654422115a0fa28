/**
 * A full garbage collection, for tests that check what is let go (WeakRef) or what is held (heap
 * used): V8's gc, exposed in the test's own process.
 */
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

setFlagsFromString('--expose-gc');
export const gc = runInNewContext('gc') as () => void;
