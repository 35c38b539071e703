import type { Node as XmldomNode } from '@xmldom/xmldom';
import type { ExclusiveXadesSignedXml } from './ExclusiveXadesSignedXml.js';

/** What signing needs from xadesjs and its DOM: loaded on the first signature, not with the package. */
export interface XadesEngine {
  /** Parses XML into the DOM xadesjs signs. */
  readonly parse: (xml: string) => Document;
  readonly serialize: (document: Document) => string;
  /** A new signer with exclusive canonicalisation on every reference (see ExclusiveXadesSignedXml). */
  readonly newSignedXml: () => ExclusiveXadesSignedXml;
}

let engine: Promise<XadesEngine> | undefined;

/**
 * Loads xadesjs, @xmldom/xmldom and xpath once, when the first XAdES signature is made. They cost
 * ~0.5 s of start-up that a token-authenticated `ksef send` (or any embedder who never signs)
 * should not pay.
 */
export function xadesEngine(): Promise<XadesEngine> {
  engine ??= (async (): Promise<XadesEngine> => {
    // One after another: parallel dynamic imports of modules sharing dependencies trip jest's ESM loader.
    const { ExclusiveXadesSignedXml } = await import('./ExclusiveXadesSignedXml.js');
    const xadesjs = await import('xadesjs');
    const xmldom = await import('@xmldom/xmldom');
    const xpath = await import('xpath');
    // One WebCrypto everywhere: keys from Node's crypto handed to another engine fail (deps.md §2).
    xadesjs.Application.setEngine('NodeJS', globalThis.crypto);
    xadesjs.setNodeDependencies({ DOMParser: xmldom.DOMParser, XMLSerializer: xmldom.XMLSerializer, xpath });
    return {
      parse: (xml) => xadesjs.Parse(xml),
      // xadesjs types its documents with the DOM lib; at run time they are @xmldom/xmldom's (set above).
      serialize: (document) => new xmldom.XMLSerializer().serializeToString(document as unknown as XmldomNode),
      newSignedXml: () => new ExclusiveXadesSignedXml(),
    };
  })();
  return engine;
}
