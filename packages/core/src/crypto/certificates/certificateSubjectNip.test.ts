import { certificateSubjectNip } from './certificateSubjectNip.js';
import { generateTestCertificate } from './generateTestCertificate.js';

describe('certificateSubjectNip', () => {
  it('reads a seal\'s organizationIdentifier VATPL-… and a person\'s serialNumber TINPL-…', async () => {
    const seal = await generateTestCertificate({ kind: 'ec', nip: '5265877635', commonName: 'Seal' });
    expect(await certificateSubjectNip(seal.certificatePem)).toEqual({ nip: '5265877635', attribute: 'organizationIdentifier VATPL-5265877635' });
    const person = await generateTestCertificate({ kind: 'ec', nip: '1111111111', givenName: 'Jan', surname: 'Kowalski', commonName: 'Jan Kowalski' });
    expect(await certificateSubjectNip(person.certificatePem)).toEqual({ nip: '1111111111', attribute: 'serialNumber TINPL-1111111111' });
  });

  it('finds no NIP in a PESEL certificate or one without identifiers', async () => {
    const pesel = await generateTestCertificate({ kind: 'ec', pesel: '44051401359', givenName: 'Anna', surname: 'Nowak', commonName: 'Anna Nowak' });
    expect(await certificateSubjectNip(pesel.certificatePem)).toBeUndefined();
    const bare = await generateTestCertificate({ kind: 'ec', commonName: 'Nobody' });
    expect(await certificateSubjectNip(bare.certificatePem)).toBeUndefined();
  });

  it('refuses what is not a certificate', async () => {
    await expect(certificateSubjectNip('not a certificate')).rejects.toThrow('not a PEM X.509 certificate');
  });
});
