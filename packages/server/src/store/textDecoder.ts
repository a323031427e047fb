import { TextDecoder } from 'node:util';

/**
 * Specific Character Set (0008,0005) defined terms → WHATWG encoding labels (PS3.3 C.12.1.1.2).
 * Single-byte sets and UTF-8 / GB18030 / GBK decode exactly; ISO 2022 code extensions are
 * approximated by the closest stateful decoder (Japanese) and otherwise fall back to latin1,
 * which keeps the ASCII part right and never throws.
 */
const ENCODINGS: Record<string, string> = {
  'ISO_IR 6': 'latin1',
  'ISO_IR 100': 'latin1',
  'ISO_IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'iso-8859-9',
  'ISO_IR 203': 'iso-8859-15',
  'ISO_IR 166': 'windows-874',
  'ISO_IR 13': 'shift_jis',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
  'ISO 2022 IR 87': 'iso-2022-jp',
  'ISO 2022 IR 159': 'iso-2022-jp',
  'ISO 2022 IR 149': 'euc-kr',
  'ISO 2022 IR 58': 'gbk',
};

/**
 * A decoder for the text values (PN, LO, SH, …) of a data set with this Specific Character Set.
 * The first value names the default repertoire; a later one (a code extension, e.g.
 * '\ISO 2022 IR 87') picks the decoder when it is a multi-byte set.
 */
export function textDecoderFor(specificCharacterSet: string | undefined): TextDecoder {
  const terms = (specificCharacterSet ?? '').split('\\').map((t) => t.trim().replace(/^ISO 2022 IR (6|100|101|109|110|144|127|126|138|148|203|166|13)$/, 'ISO_IR $1'));
  const chosen = terms.reverse().find((t) => ENCODINGS[t] !== undefined);
  return new TextDecoder(chosen ? ENCODINGS[chosen] : 'latin1');
}
