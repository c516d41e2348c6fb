# tw_proto_library(NAME
#   IMPORT_DIR dir        root the .proto paths are relative to
#   PROTOS a.proto ...    paths relative to IMPORT_DIR
#   [GRPC]                also generate gRPC service stubs
#   [DEPS lib ...])       proto libraries these protos import
#
# protoc runs as a custom command into the build tree; the generated sources
# are compiled once, into one static library that every target links.
function(tw_proto_library name)
  cmake_parse_arguments(ARG "GRPC" "IMPORT_DIR" "PROTOS;DEPS;EXTRA_IMPORT_DIRS" ${ARGN})
  set(out_dir ${CMAKE_BINARY_DIR}/gen)
  file(MAKE_DIRECTORY ${out_dir})
  set(srcs)
  set(hdrs)
  set(include_flags -I${ARG_IMPORT_DIR} -I${Protobuf_INCLUDE_DIRS})
  foreach(dir ${ARG_EXTRA_IMPORT_DIRS})
    list(APPEND include_flags -I${dir})
  endforeach()
  foreach(proto ${ARG_PROTOS})
    string(REGEX REPLACE "\\.proto$" "" stem ${proto})
    set(outs ${out_dir}/${stem}.pb.cc ${out_dir}/${stem}.pb.h)
    set(plugin_args)
    if(ARG_GRPC)
      list(APPEND outs ${out_dir}/${stem}.grpc.pb.cc ${out_dir}/${stem}.grpc.pb.h)
      set(plugin_args
          --grpc_out=${out_dir}
          --plugin=protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>)
    endif()
    add_custom_command(
      OUTPUT ${outs}
      COMMAND protobuf::protoc ${include_flags} --cpp_out=${out_dir}
              ${plugin_args} ${ARG_IMPORT_DIR}/${proto}
      DEPENDS ${ARG_IMPORT_DIR}/${proto} protobuf::protoc
      COMMENT "protoc ${proto}"
      VERBATIM)
    list(APPEND srcs ${out_dir}/${stem}.pb.cc)
    if(ARG_GRPC)
      list(APPEND srcs ${out_dir}/${stem}.grpc.pb.cc)
    endif()
  endforeach()
  add_library(${name} STATIC ${srcs})
  target_include_directories(${name} PUBLIC ${out_dir})
  target_link_libraries(${name} PUBLIC protobuf::libprotobuf gRPC::grpc++ ${ARG_DEPS})
endfunction()
