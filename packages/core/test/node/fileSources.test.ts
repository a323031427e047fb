import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSources } from '../../src/node/fileSources.ts';

describe('fileSources', () => {
  let base = '';
  let tree = '';

  // tree/
  //   a/x.dcm                 a real file
  //   b -> a                  a second link to a folder already listed
  //   dup.dcm -> a/x.dcm      a second link to a file already listed
  //   linked -> ../outside    a folder outside the tree, reached only through the link
  //   loop -> .               the tree itself
  //   one.dcm -> ../lone.dcm  a file outside the tree, reached only through the link
  //   sub/up -> ..            a loop one level down
  //   dangling.dcm -> nowhere a link to nothing
  //   self.dcm -> self.dcm    a link to itself (ELOOP)
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'voxa-sources-'));
    tree = join(base, 'tree');
    await mkdir(join(tree, 'a'), { recursive: true });
    await mkdir(join(tree, 'sub'));
    await mkdir(join(base, 'outside'));
    await writeFile(join(tree, 'a', 'x.dcm'), 'x');
    await writeFile(join(base, 'outside', 'y.dcm'), 'yy');
    await writeFile(join(base, 'outside', 'z.dcm'), 'zzz');
    await writeFile(join(base, 'lone.dcm'), 'four');
    await symlink('a', join(tree, 'b'));
    await symlink(join('a', 'x.dcm'), join(tree, 'dup.dcm'));
    await symlink(join('..', 'outside'), join(tree, 'linked'));
    await symlink('.', join(tree, 'loop'));
    await symlink(join('..', 'lone.dcm'), join(tree, 'one.dcm'));
    await symlink('..', join(tree, 'sub', 'up'));
    await symlink('nowhere', join(tree, 'dangling.dcm'));
    await symlink('self.dcm', join(tree, 'self.dcm'));
  });

  afterAll(async () => {
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('follows symlinked files and folders, listing each real file once and never looping', async () => {
    const sources = await fileSources(tree);
    expect(sources.map((s) => relative(tree, s.name))).toEqual(['a/x.dcm', 'linked/y.dcm', 'linked/z.dcm', 'one.dcm']);
  });

  it('reports the size of the target and reads its bytes through the link', async () => {
    const sources = await fileSources(tree);
    const [one] = sources.filter((s) => s.name.endsWith('one.dcm'));
    expect(one.size).toBe(4);
    expect(new TextDecoder().decode(await one.read())).toBe('four');
    expect(new TextDecoder().decode(await one.readHead?.(2))).toBe('fo');
  });

  it('accepts a symlink to a folder as the starting path', async () => {
    const sources = await fileSources(join(tree, 'linked'));
    expect(sources.map((s) => relative(tree, s.name))).toEqual(['linked/y.dcm', 'linked/z.dcm']);
  });
});
