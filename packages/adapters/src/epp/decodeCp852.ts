// Code page 852 (DOS Latin 2), bytes 0x80–0xFF: the other code page [INFO] field 3 may declare
// ("Komunikacja EDI++" Tabela 2). WHATWG TextDecoder has no label for it, so the table lives here.
const high =
  'ÇüéâäůćçłëŐőîŹÄĆÉĹĺôöĽľŚśÖÜŤťŁ×čáíóúĄąŽžĘę¬źČş«»░▒▓│┤ÁÂĚŞ╣║╗╝Żż┐└┴┬├─┼Ăă╚╔╩╦╠═╬¤đĐĎËďŇÍÎě┘┌█▄ŢŮ▀ÓßÔŃńňŠšŔÚŕŰýÝţ´\u00ad˝˛ˇ˘§÷¸°¨˙űŘř■\u00a0';

/** Decodes DOS code page 852 bytes to text. */
export function decodeCp852(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte < 0x80 ? String.fromCharCode(byte) : high.charAt(byte - 0x80);
  return text;
}
