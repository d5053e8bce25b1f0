/*
 * PdfBoxSign.java: an independent PDF signer and verifier for the interop
 * test (tests/interop/pdfbox.sh), on Debian's Apache PDFBox 2.0 and
 * BouncyCastle 1.72. Compiled by the script at test time; never shipped.
 *
 *   sign KEY.pem CERT.pem CHAIN.pem IN.pdf OUT.pdf cades|pkcs7
 *	PDFBox adds a signature field and signs it in an incremental update
 *	(ETSI.CAdES.detached with an ESS signing-certificate-v2 attribute, or
 *	adbe.pkcs7.detached), the CMS made by BouncyCastle.
 *   verify ROOT.pem FILE.pdf...
 *	For each file one line "FILE valid" or "FILE invalid: why": every
 *	signature's CMS verifies over the bytes its ByteRange names, its
 *	certificate chains to ROOT (PKIX, no revocation) and the last one
 *	covers the whole file but its Contents.
 */
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureInterface;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

public class PdfBoxSign {
	static List<X509Certificate> certs(String path) throws Exception {
		CertificateFactory cf = CertificateFactory.getInstance("X.509");
		List<X509Certificate> out = new ArrayList<>();
		try (InputStream in = Files.newInputStream(new File(path).toPath())) {
			for (Object o : cf.generateCertificates(in))
				out.add((X509Certificate) o);
		}
		return out;
	}

	static PrivateKey key(String path) throws Exception {
		try (PEMParser p = new PEMParser(new FileReader(path))) {
			Object o = p.readObject();
			JcaPEMKeyConverter c = new JcaPEMKeyConverter();
			if (o instanceof PEMKeyPair)
				return c.getKeyPair((PEMKeyPair) o).getPrivate();
			return c.getPrivateKey((PrivateKeyInfo) o);
		}
	}

	static void sign(String[] a) throws Exception {
		PrivateKey k = key(a[1]);
		X509Certificate leaf = certs(a[2]).get(0);
		List<X509Certificate> chain = new ArrayList<>();
		chain.add(leaf);
		chain.addAll(certs(a[3]));
		boolean cades = a[6].equals("cades");
		String alg = k.getAlgorithm().startsWith("EC") ?
		    "SHA256withECDSA" : "SHA256withRSA";

		SignatureInterface si = (InputStream content) -> {
			try {
				byte[] data = content.readAllBytes();
				CMSSignedDataGenerator g = new CMSSignedDataGenerator();
				JcaSignerInfoGeneratorBuilder b =
				    new JcaSignerInfoGeneratorBuilder(
				    new JcaDigestCalculatorProviderBuilder().build());
				if (cades) {
					byte[] h = MessageDigest.getInstance("SHA-256")
					    .digest(leaf.getEncoded());
					SigningCertificateV2 sc = new SigningCertificateV2(
					    new ESSCertIDv2[] { new ESSCertIDv2(h) });
					ASN1EncodableVector v = new ASN1EncodableVector();
					v.add(new Attribute(PKCSObjectIdentifiers
					    .id_aa_signingCertificateV2, new DERSet(sc)));
					b.setSignedAttributeGenerator(
					    new DefaultSignedAttributeTableGenerator(
					    new AttributeTable(v)));
				}
				g.addSignerInfoGenerator(b.build(
				    new JcaContentSignerBuilder(alg).build(k), leaf));
				g.addCertificates(new JcaCertStore(chain));
				return g.generate(new CMSProcessableByteArray(data),
				    false).getEncoded();
			} catch (Exception e) {
				throw new java.io.IOException(e);
			}
		};
		try (PDDocument doc = PDDocument.load(new File(a[4]))) {
			PDSignature s = new PDSignature();
			s.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
			s.setSubFilter(cades ? PDSignature.SUBFILTER_ETSI_CADES_DETACHED
			    : PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
			s.setName("PDFBox interop");
			s.setSignDate(Calendar.getInstance());
			SignatureOptions o = new SignatureOptions();
			o.setPreferredSignatureSize(16384);
			doc.addSignature(s, si, o);
			try (FileOutputStream out = new FileOutputStream(a[5])) {
				doc.saveIncremental(out);
			}
			o.close();
		}
	}

	static String check(byte[] all, PDSignature s, X509Certificate root,
	    boolean last) throws Exception {
		int[] br = s.getByteRange();
		if (br == null || br.length != 4 || br[0] != 0)
			return "no ByteRange from the start of the file";
		if (last && (long) br[2] + br[3] != all.length)
			return "the ByteRange does not reach the end of the file";
		CMSSignedData cms = new CMSSignedData(
		    new CMSProcessableByteArray(s.getSignedContent(all)),
		    s.getContents(all));
		SignerInformation si = cms.getSignerInfos().getSigners()
		    .iterator().next();
		@SuppressWarnings("unchecked")
		X509CertificateHolder h = (X509CertificateHolder) cms
		    .getCertificates().getMatches(si.getSID()).iterator().next();
		if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder()
		    .setProvider("BC").build(h)))
			return "the CMS signature does not verify";
		JcaX509CertificateConverter cv = new JcaX509CertificateConverter();
		List<X509Certificate> path = new ArrayList<>();
		path.add(cv.getCertificate(h));
		for (Object o : cms.getCertificates().getMatches(null)) {
			X509Certificate c = cv.getCertificate((X509CertificateHolder) o);
			if (!c.equals(path.get(0)) &&
			    !c.getSubjectX500Principal().equals(
			    root.getSubjectX500Principal()))
				path.add(c);
		}
		PKIXParameters p = new PKIXParameters(Collections.singleton(
		    new TrustAnchor(root, null)));
		p.setRevocationEnabled(false);
		CertPathValidator.getInstance("PKIX").validate(
		    CertificateFactory.getInstance("X.509")
		    .generateCertPath(path), p);
		return null;
	}

	static int verify(String[] a) throws Exception {
		X509Certificate root = certs(a[1]).get(0);
		int bad = 0;

		for (int i = 2; i < a.length; i++) {
			String why;
			try (PDDocument doc = PDDocument.load(new File(a[i]))) {
				byte[] all = Files.readAllBytes(new File(a[i]).toPath());
				List<PDSignature> sigs = doc.getSignatureDictionaries();
				why = sigs.isEmpty() ? "no signature" : null;
				for (int j = 0; j < sigs.size() && why == null; j++)
					why = check(all, sigs.get(j), root,
					    j == sigs.size() - 1);
			} catch (Exception e) {
				why = e.toString();
			}
			System.out.println(a[i] + (why == null ? " valid" :
			    " invalid: " + why));
			if (why != null)
				bad++;
		}
		return bad == 0 ? 0 : 1;
	}

	public static void main(String[] a) throws Exception {
		Security.addProvider(new BouncyCastleProvider());
		if (a.length == 7 && a[0].equals("sign")) {
			sign(a);
			return;
		}
		if (a.length >= 3 && a[0].equals("verify"))
			System.exit(verify(a));
		System.err.println("usage: PdfBoxSign sign KEY CERT CHAIN IN OUT " +
		    "cades|pkcs7 | verify ROOT FILE...");
		System.exit(64);
	}
}
