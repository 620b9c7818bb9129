// A cached tree reads its text through the function it was parsed with (`node.text`), in the analysis that parsed it
// and in later ones that reuse it: once the parse is done, the first analysis's time limit must not cut those reads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TreeCache } from '../server/src/engine/parsers/treeCache';
import { loadParsers } from '../server/src/engine/parsers/treeSitter';

describe('tree cache', () => {
  it('reads a tree’s text after the time limit of the analysis that parsed it has passed', async () => {
    const parser = (await loadParsers()).parser('terraform');
    const cache = new TreeCache(4);
    const text = Array.from({ length: 200 }, (_, i) => `# note ${i}\nresource "aws_s3_bucket" "b${i}" {\n  bucket = "b${i}"\n}\n`).join('');
    let expired = false;
    const tree = cache.parse('main.tf', 'terraform', parser, text, () => expired)!;
    expired = true; // the first analysis is over; a later one reuses the tree (same text)
    assert.equal(cache.parse('main.tf', 'terraform', parser, text), tree);
    const comments = tree.rootNode.descendantsOfType('comment').map((c) => c!.text);
    assert.equal(comments.length, 200);
    assert.deepEqual(comments, Array.from({ length: 200 }, (_, i) => `# note ${i}`));
    cache.clear();
  });
});
