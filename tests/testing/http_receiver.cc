#include "tests/testing/http_receiver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace targetwatch::testing {

HttpReceiver::HttpReceiver(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  ::listen(fd_, 16);
  thread_ = std::thread([this] { Serve(); });
}

HttpReceiver::~HttpReceiver() {
  stop_ = true;
  thread_.join();
  ::close(fd_);
}

std::string HttpReceiver::url() const { return absl::StrCat("http://127.0.0.1:", port_, "/hook"); }

std::vector<std::string> HttpReceiver::bodies() const {
  absl::MutexLock lock(&mu_);
  return bodies_;
}

void HttpReceiver::Serve() {
  while (!stop_) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    int client = ::accept(fd_, nullptr, nullptr);
    if (client < 0) continue;
    std::string request;
    char buffer[4096];
    size_t body_start = std::string::npos;
    size_t length = 0;
    while (true) {
      pollfd c{client, POLLIN, 0};
      if (::poll(&c, 1, 2000) <= 0) break;
      ssize_t n = ::read(client, buffer, sizeof(buffer));
      if (n <= 0) break;
      request.append(buffer, n);
      if (body_start == std::string::npos) {
        size_t end = request.find("\r\n\r\n");
        if (end == std::string::npos) continue;
        body_start = end + 4;
        std::string headers = absl::AsciiStrToLower(request.substr(0, end));
        size_t cl = headers.find("content-length:");
        if (cl != std::string::npos) length = std::strtoul(headers.c_str() + cl + 15, nullptr, 10);
      }
      if (request.size() - body_start >= length) break;
    }
    int status = status_;
    if (body_start != std::string::npos && status >= 200 && status < 300) {
      absl::MutexLock lock(&mu_);
      bodies_.push_back(request.substr(body_start, length));
    }
    std::string response = absl::StrCat("HTTP/1.1 ", status, " X\r\nContent-Length: 0\r\n",
                                         "Connection: close\r\n\r\n");
    ssize_t ignored = ::write(client, response.data(), response.size());
    (void)ignored;
    ::close(client);
  }
}

}  // namespace targetwatch::testing
