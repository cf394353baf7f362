// osprey serve over HTTPS when a certificate is configured: TLS only, and a
// clear error for a missing or mismatched certificate.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "cli/cli_support.h"
#include "osprey/server/server.h"

namespace {

namespace fs = std::filesystem;
using osprey::testing::scratch;

// A self-signed certificate and key made by Debian's openssl for this test.
bool make_certificate(const fs::path& cert, const fs::path& key, const std::string& cn) {
  std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=" + cn +
                    " -keyout " + key.string() + " -out " + cert.string() + " >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0 && fs::exists(cert) && fs::exists(key);
}

osprey::server::ServerOptions options_for(const std::string& db) {
  osprey::server::ServerOptions options;
  options.db = db;
  options.port = 0;
  options.open = true;
  options.kb_dir = OSPREY_KB_DIR;
  options.threads = 2;
  return options;
}

TEST(ServeTls, ServesHttpsOnlyWithTheConfiguredCertificate) {
  fs::path dir = scratch() / "tls";
  fs::create_directories(dir);
  ASSERT_TRUE(make_certificate(dir / "cert.pem", dir / "key.pem", "localhost"))
      << "openssl is needed (scripts/setup installs it)";
  auto options = options_for((dir / "tls.db").string());
  options.tls_cert = (dir / "cert.pem").string();
  options.tls_key = (dir / "key.pem").string();
  auto created = osprey::server::Server::create(options);
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto& server = *created.value();
  ASSERT_TRUE(server.bind().ok());
  std::thread serving([&server] { server.run(); });

  httplib::SSLClient https("127.0.0.1", server.port());
  https.set_ca_cert_path(options.tls_cert.c_str());
  https.enable_server_certificate_verification(false);  // CN=localhost, asked as 127.0.0.1
  auto health = https.Get("/api/v1/health");
  for (int i = 0; i < 200 && !health; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    health = https.Get("/api/v1/health");
  }
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  EXPECT_NE(health->body.find("\"ok\""), std::string::npos);
  EXPECT_EQ(health->get_header_value("Content-Security-Policy"), "default-src 'self'");

  // Plain HTTP on the same port gets no answer.
  httplib::Client plain("127.0.0.1", server.port());
  plain.set_connection_timeout(2);
  plain.set_read_timeout(2);
  auto refused = plain.Get("/api/v1/health");
  EXPECT_TRUE(!refused || refused->status != 200);

  server.stop();
  serving.join();
}

TEST(ServeTls, AMissingOrMismatchedCertificateIsAClearError) {
  fs::path dir = scratch() / "tls-bad";
  fs::create_directories(dir);
  ASSERT_TRUE(make_certificate(dir / "a.pem", dir / "a.key", "a.example"));
  ASSERT_TRUE(make_certificate(dir / "b.pem", dir / "b.key", "b.example"));
  auto options = options_for((dir / "bad.db").string());

  options.tls_cert = (dir / "missing.pem").string();
  options.tls_key = (dir / "a.key").string();
  auto missing = osprey::server::Server::create(options);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("missing.pem"), std::string::npos);

  options.tls_cert = (dir / "a.pem").string();
  options.tls_key = (dir / "b.key").string();  // another certificate's key
  auto mismatched = osprey::server::Server::create(options);
  ASSERT_FALSE(mismatched.ok());
  EXPECT_NE(mismatched.error().message.find("matching pair"), std::string::npos);

  options.tls_key.clear();
  auto half = osprey::server::Server::create(options);
  ASSERT_FALSE(half.ok());
  EXPECT_NE(half.error().message.find("both"), std::string::npos);

  // The command line refuses one without the other before starting.
  auto cli = osprey::testing::osprey("serve --db " + (dir / "cli.db").string() + " --tls-cert " +
                                     options.tls_cert);
  EXPECT_EQ(cli.status, 2);  // a usage error
  EXPECT_NE(cli.err.find("--tls-key"), std::string::npos) << cli.err;
}

}  // namespace
