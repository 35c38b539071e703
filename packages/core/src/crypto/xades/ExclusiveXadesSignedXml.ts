import { SignedXml, type OptionsXAdES } from 'xadesjs';

type SignArguments = Parameters<SignedXml['Sign']>;
type Signature = Awaited<ReturnType<SignedXml['Sign']>>;

const signedPropertiesType = 'http://uri.etsi.org/01903#SignedProperties';

/**
 * xadesjs's SignedXml with exclusive canonicalisation on the SignedProperties reference too.
 * xadesjs adds that reference without transforms (implicitly inclusive c14n, which drags the
 * ancestors' namespaces into the digest); the Ministry's clients and our verifiers use exc-c14n
 * everywhere (deps.md §2).
 */
export class ExclusiveXadesSignedXml extends SignedXml {
  protected override async ApplySignOptions(signature: Signature, algorithm: SignArguments[0], key: SignArguments[1], options: OptionsXAdES): Promise<void> {
    await super.ApplySignOptions(signature, algorithm, key, options);
    for (const reference of signature.SignedInfo.References.GetIterator()) {
      if (reference.Type === signedPropertiesType) {
        reference.Transforms.Add(this.ResolveTransform('exc-c14n'));
      }
    }
  }
}
